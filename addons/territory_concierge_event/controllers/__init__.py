from . import portal, stay_answer
