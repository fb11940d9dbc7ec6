from . import controllers, models, wizard
from .hooks import give_each_registration_its_own_token
