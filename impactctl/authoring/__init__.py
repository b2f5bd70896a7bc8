"""Authoring use cases: add records, record measurements, set fields; each edit checked before it is written.

One job per module: `ids` (record ids and their files), `values` (command-line values), `order` (keys in
the model's order), `edits` (one file changed, checked and written), `create` (new records), `updates`
(changes to a record), `init` (a new ledger and its repository files).
"""

from impactctl.authoring.create import add_evidence, add_record, file_sha256
from impactctl.authoring.edits import EditResult, edit_record, read_text_exactly
from impactctl.authoring.ids import choose_id, existing_ids, record_path
from impactctl.authoring.init import InitResult, init_ledger
from impactctl.authoring.order import model_in, put_in_order, set_after
from impactctl.authoring.updates import record_measurement, respond, set_field, set_status
from impactctl.authoring.values import parse_value

__all__ = [
    "EditResult",
    "InitResult",
    "add_evidence",
    "add_record",
    "choose_id",
    "edit_record",
    "existing_ids",
    "file_sha256",
    "init_ledger",
    "model_in",
    "parse_value",
    "put_in_order",
    "read_text_exactly",
    "record_measurement",
    "record_path",
    "respond",
    "set_after",
    "set_field",
    "set_status",
]
