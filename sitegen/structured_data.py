"""schema.org JSON-LD for each page, so search engines know what kind of medical page it is."""

from __future__ import annotations

from typing import Any

from sitegen import models
from sitegen.dataset import Dataset
from sitegen.front_matter import FrontMatter


def page_json_ld(front: FrontMatter, *, url: str, dataset: Dataset, lang: str = "en") -> dict[str, Any]:
    """`MedicalWebPage` everywhere; `FAQPage` on the FAQ; `MedicalCondition` as the topic of a condition
    page, and of a guide that names codes, with its codes (`medical_codes`)."""
    kind = front.schema_type
    page: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": ["MedicalWebPage", "FAQPage"] if kind == "FAQPage" else "MedicalWebPage",
        "name": front.title,
        "url": url,
        "inLanguage": lang,
        "lastReviewed": front.reviewed.isoformat(),
    }
    if front.description:
        page["description"] = front.description
    if kind == "FAQPage":
        page["mainEntity"] = [
            {"@type": "Question", "name": faq.question, "acceptedAnswer": {"@type": "Answer", "text": faq.answer}}
            for faq in dataset.faqs.faqs
        ]
    elif kind == "MedicalCondition" and front.id is not None:
        condition = dataset.conditions_by_id[front.id]
        page["about"] = {
            "@type": "MedicalCondition",
            "name": condition.name,
            "alternateName": list(condition.also_known_as),
            "signOrSymptom": {"@type": "MedicalSignOrSymptom", "name": condition.spasm_pattern},
            "typicalTest": [{"@type": "MedicalTest", "name": step} for step in condition.next_steps],
        }
        if condition.icd10cm:
            page["about"]["code"] = medical_codes(condition.icd10cm)
    elif front.type == "guide" and front.id is not None and (guide := dataset.guides_by_id[front.id]).icd10cm:
        page["about"] = {"@type": "MedicalCondition", "name": guide.name, "code": medical_codes(guide.icd10cm)}
    return page


def medical_codes(codes: tuple[models.Icd10cmCode, ...]) -> list[dict[str, str]]:
    """A topic's `code`: each ICD-10-CM code as a schema.org `MedicalCode`."""
    return [{"@type": "MedicalCode", "codeValue": named.code, "codingSystem": "ICD-10-CM"} for named in codes]
