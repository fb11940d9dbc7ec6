def give_each_registration_its_own_token(env):
    """The ORM fills a new column with one default value computed once: every registration that
    existed when the answer token was added shares it, so that one link would open them all.
    Each of those gets its own here (at install, and by the migration for databases installed
    before); a token already unique is kept, so that invitations already e-mailed still work.
    gen_random_uuid() draws from PostgreSQL's strong random source, like uuid4 in Python."""
    env["event.registration"].flush_model(["stay_answer_token"])
    env.cr.execute("""
        UPDATE event_registration
           SET stay_answer_token = replace(gen_random_uuid()::text, '-', '')
         WHERE stay_answer_token IS NULL
            OR stay_answer_token IN (SELECT stay_answer_token FROM event_registration
                                      GROUP BY stay_answer_token HAVING count(*) > 1)
    """)
    env["event.registration"].invalidate_model(["stay_answer_token"])
