"""Django's JSON serialisation, keeping date-times to the microsecond: the "exactjson" format.

Django's own JSON encoder cuts times to milliseconds (the ECMA-262 format), so a row read back
from its JSON is not quite the row that was written. The edit history (interviews/history.py)
stores its versions in this format, and backups made with `dumpdata --format exactjson` load
back identical (README, "Backups").
"""

import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and o.utcoffset() is None:
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()


Deserializer = json.Deserializer
