"""The third-party services catalogue: one YAML file per service in `clauses/services/`."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from generator import validators as v
from generator.answer_errors import explain_validation, format_path, suggest
from generator.compilecache import folder_material, read_cached_documents, store_cached
from generator.errors import AnswerError, ClauseError
from generator.resources import resource_dir
from generator.vocabulary import DataCategory
from generator.yamlsource import YamlDocument, parse_yaml

ServiceKind = Literal[
    "payment",
    "analytics",
    "advertising",
    "crm",
    "email",
    "sms",
    "messaging",
    "telephony",
    "social-login",
    "hosting",
    "cdn",
    "support-chat",
    "forms",
    "e-commerce-platform",
    "video",
    "lms",
    "data-integration",
    "productivity",
    "other",
]

KIND_LABELS: dict[str, str] = {
    "payment": "Payments",
    "analytics": "Analytics",
    "advertising": "Advertising",
    "crm": "Customer relationship management",
    "email": "Email delivery",
    "sms": "SMS",
    "messaging": "Messaging",
    "telephony": "Telephony and call centre",
    "social-login": "Social sign-in",
    "hosting": "Hosting",
    "cdn": "Content delivery and security",
    "support-chat": "Support and chat",
    "forms": "Online forms",
    "e-commerce-platform": "Online shop platform",
    "video": "Video and meetings",
    "lms": "Learning platform",
    "data-integration": "Data integration",
    "productivity": "Productivity and storage",
    "other": "Other",
}


class Service(BaseModel):
    """A third-party service that receives personal data from the business."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, AfterValidator(v.check_id)] = Field(description="Short id used in answer files, e.g. 'razorpay'.")
    name: str = Field(min_length=1, description="The service's name.")
    provider: str = Field(min_length=1, description="The legal entity that provides it.")
    country: str = Field(min_length=2, description="Country of the provider's headquarters.")
    kind: ServiceKind = Field(description="What kind of service it is.")
    purposes: list[str] = Field(min_length=1, description="What a business uses it for, as short phrases.")
    data: list[DataCategory] = Field(min_length=1, description="Categories of personal data it receives.")
    cookies: bool = Field(False, description="Whether it sets cookies or similar trackers on the business's site or app.")
    cookie_names: list[str] = Field(default_factory=list, description="Well-known cookie names it sets.")
    privacy_url: Annotated[str, AfterValidator(v.check_url)] = Field(description="The provider's privacy policy (https).")
    safeguards: str | None = Field(None, description="How transfers to it are protected (e.g. the EU-US Data Privacy Framework, SCCs).")
    custom: bool = Field(False, description="True for a service defined inline in an answer file.")

    @property
    def kind_label(self) -> str:
        """The readable kind."""
        return KIND_LABELS[self.kind]


@functools.cache
def load_services(folder: Path | None = None) -> dict[str, Service]:
    """Load and validate every service file, keyed by id.

    Raises:
        ClauseError: naming the file and field of any invalid entry.
    """
    folder = folder or resource_dir("clauses") / "services"
    paths = sorted(folder.glob("*.yaml"))
    material = folder_material("services", paths)
    cached = read_cached_documents(material, len(paths))
    if cached is not None:
        try:
            return {data["id"]: Service.model_validate(data) for data in cached}
        except (ValidationError, KeyError, TypeError):
            pass  # the model changed since the cache was written: read the files again
    services: dict[str, Service] = {}
    problems: list[str] = []
    raw: list[object] = []
    for path in paths:
        try:
            document = parse_yaml(path)
            service = Service.model_validate(document.data)
            raw.append(document.data)
        except AnswerError as exc:
            problems.extend(exc.messages)
            continue
        except ValidationError as exc:
            problems.extend(explain_validation(exc, document, Service))
            continue
        if service.id in services:
            problems.append(f"{path}: service id '{service.id}' is already used by another file")
        if path.stem != service.id:
            problems.append(f"{path}: the file name must be the service id ('{service.id}.yaml')")
        services[service.id] = service
    if problems:
        raise ClauseError(problems)
    store_cached(material, raw)  # parsed YAML, so the next process skips 100+ parses
    return services


def _as_service(ref: object, catalogue: dict[str, Service]) -> Service | None:
    from generator.answers import CustomService

    if isinstance(ref, CustomService):
        return Service(**ref.model_dump(), custom=True) if ref.kind in KIND_LABELS else None
    return catalogue.get(str(ref))


def check_service_refs(answers: object, document: YamlDocument) -> list[str]:
    """Report every service id in the answers that the catalogue does not know."""
    from generator.answers import Answers, CustomService

    assert isinstance(answers, Answers)
    catalogue = load_services()
    problems = []
    for field, refs in (("services", answers.services), ("payments", answers.payments.gateways)):
        for index, ref in enumerate(refs):
            path: tuple[str | int, ...] = ("services", index) if field == "services" else ("payments", "gateways", index)
            if isinstance(ref, CustomService):
                if ref.kind not in KIND_LABELS:
                    where = document.where(document.locate((*path, "kind")))
                    hint = suggest(ref.kind, list(KIND_LABELS))
                    kinds = ", ".join(KIND_LABELS)
                    problems.append(f"{where}: {format_path((*path, 'kind'))}: '{ref.kind}' is not a service kind{hint} Accepted: {kinds}")
                continue
            if ref not in catalogue:
                where = document.where(document.locate(path))
                hint = suggest(ref, list(catalogue))
                advice = "Run 'policygen services' to list the catalogue, or describe the service inline."
                problems.append(f"{where}: {format_path(path)}: unknown service '{ref}'{hint} {advice}")
            elif field == "payments" and catalogue[ref].kind != "payment":
                where = document.where(document.locate(path))
                problems.append(f"{where}: {format_path(path)}: '{ref}' is not a payment service; list it under services instead")
    return problems


def resolve_services(refs: list[object]) -> list[Service]:
    """Turn service references (ids or inline services) into catalogue entries."""
    catalogue = load_services()
    resolved = [_as_service(ref, catalogue) for ref in refs]
    return [service for service in resolved if service is not None]
