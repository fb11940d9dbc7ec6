from . import stay_answer
