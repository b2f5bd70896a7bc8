"""The record kinds are declared once (impactctl/model/kinds.py) and that table stays light and in step."""

import subprocess
import sys

from impactctl.model import kinds


def test_the_models_are_the_ones_the_table_names_in_its_order():
    from impactctl.model.records import KINDS

    assert list(KINDS) == list(kinds.FOLDERS)
    assert [model.__name__ for model in KINDS.values()] == [kind.model for kind in kinds.RECORD_KINDS]


def test_the_commands_offer_every_kind_once():
    assert sorted(kinds.CHOICES) == sorted(kinds.FOLDERS)
    assert sorted(kind.choice for kind in kinds.RECORD_KINDS) == list(range(1, len(kinds.RECORD_KINDS) + 1))


def test_a_kind_is_named_by_its_folder_or_one_record():
    assert kinds.kind_of(" Outcome ") == kinds.kind_of("outcomes") == "outcomes"
    assert kinds.kind_of("evidence") == "evidence"
    assert kinds.kind_of("ledger") is None


def test_reading_names_the_kinds_without_loading_pydantic():
    code = "import sys, impactctl.model.kinds, impactctl.source.tree; print('pydantic' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
