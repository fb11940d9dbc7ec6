"""19.0.1.2.0: a concierge's capacity gets a field of its own, ``journey_capacity`` (open
journeys at most, a cap). Until now assignment read CRM's ``assignment_max`` (meant by CRM
as "leads on 30 days"): the members of journeys teams keep the value they were given."""


def migrate(cr, version):
    cr.execute("""
        UPDATE crm_team_member member
           SET journey_capacity = member.assignment_max
          FROM crm_team team
         WHERE team.id = member.crm_team_id
           AND team.use_journeys
           AND member.assignment_max IS NOT NULL
    """)
