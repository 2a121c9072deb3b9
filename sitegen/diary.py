"""What the cramp diary's script (content/assets/diary.js) needs, as `diary/diary.json`.

The questions come from `data/diary.yaml`; each red flag an answer can match is published
with its text and level from `data/red_flags.yaml` and the level's words from
`data/triage.yaml`, the same data the symptom checker's `triage/tree.json` carries, so the
diary and the checker can never disagree about a sign.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitegen import models, urls
from sitegen.dataset import Dataset
from sitegen.published import published_json

TARGET = "diary/diary.json"


def flagged_ids(diary: models.DiaryFile) -> list[str]:
    """Every red flag id the diary's answers can match, in the order the file names them."""
    groups = [
        *(place.red_flags for place in diary.places),
        *(sign.red_flags for sign in diary.signs),
        diary.medicine.red_flags,
        *(rule.red_flags for rule in diary.durations),
    ]
    return list(dict.fromkeys(flag for group in groups for flag in group))


def diary_config(dataset: Dataset) -> dict[str, Any]:
    diary = dataset.diary
    flags = dataset.red_flags_by_id
    return {
        "version": 1,
        "places": [{"id": p.id, "label": p.label, "red_flags": list(p.red_flags)} for p in diary.places],
        "activities": list(diary.activities),
        "signs": [{"id": s.id, "label": s.label, "red_flags": list(s.red_flags)} for s in diary.signs],
        "medicine": {"red_flags": list(diary.medicine.red_flags)},
        "durations": [{"over_minutes": d.over_minutes, "red_flags": list(d.red_flags)} for d in diary.durations],
        "red_flags": {
            flag_id: {
                "level": flags[flag_id].level,
                "text": flags[flag_id].text,
                "url": urls.entity("red_flags", flag_id).url,
            }
            for flag_id in flagged_ids(diary)
        },
        "levels": {level.level: {"label": level.label, "meaning": level.meaning} for level in dataset.triage.levels},
        "checker": urls.PAGES["triage"].url,
    }


def write_diary_json(dataset: Dataset, site_dir: Path) -> Path:
    target = site_dir / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(published_json(diary_config(dataset)), encoding="utf-8")
    return target
