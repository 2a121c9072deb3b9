"""schema.org JSON-LD for each page, so search engines know what kind of medical page it is."""

from __future__ import annotations

from typing import Any

from sitegen import models
from sitegen.dataset import Dataset


def page_json_ld(meta: dict[str, Any], *, url: str, dataset: Dataset, lang: str = "en") -> dict[str, Any]:
    """`MedicalWebPage` everywhere; `FAQPage` on the FAQ; `MedicalCondition` as the topic of a condition
    page, and of a guide that names codes, with its codes (`medical_codes`)."""
    kind = meta.get("schema", "MedicalWebPage")
    page: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": ["MedicalWebPage", "FAQPage"] if kind == "FAQPage" else "MedicalWebPage",
        "name": meta.get("title", ""),
        "url": url,
        "inLanguage": lang,
    }
    if meta.get("description"):
        page["description"] = meta["description"]
    if meta.get("reviewed"):
        page["lastReviewed"] = str(meta["reviewed"])
    if kind == "FAQPage":
        page["mainEntity"] = [
            {"@type": "Question", "name": faq.question, "acceptedAnswer": {"@type": "Answer", "text": faq.answer}}
            for faq in dataset.faqs.faqs
        ]
    elif kind == "MedicalCondition":
        condition = dataset.conditions_by_id[meta["id"]]
        page["about"] = {
            "@type": "MedicalCondition",
            "name": condition.name,
            "alternateName": list(condition.also_known_as),
            "signOrSymptom": {"@type": "MedicalSignOrSymptom", "name": condition.spasm_pattern},
            "typicalTest": [{"@type": "MedicalTest", "name": step} for step in condition.next_steps],
        }
        if condition.icd10cm:
            page["about"]["code"] = medical_codes(condition.icd10cm)
    elif meta.get("type") == "guide" and (guide := dataset.guides_by_id[meta["id"]]).icd10cm:
        page["about"] = {"@type": "MedicalCondition", "name": guide.name, "code": medical_codes(guide.icd10cm)}
    return page


def medical_codes(codes: tuple[models.Icd10cmCode, ...]) -> list[dict[str, str]]:
    """A topic's `code`: each ICD-10-CM code as a schema.org `MedicalCode`."""
    return [{"@type": "MedicalCode", "codeValue": named.code, "codingSystem": "ICD-10-CM"} for named in codes]
