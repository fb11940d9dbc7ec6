from . import territory_commune_import
