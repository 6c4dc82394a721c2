"""The third-party services catalogue: one YAML file per service in `clauses/services/`."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from generator.answers import validators as v
from generator.answers.messages import explain_validation
from generator.answers.source import parse_yaml
from generator.answers.vocabulary import DataCategory
from generator.errors import AnswerError, ClauseError
from generator.resources import resource_dir
from generator.templating.cache import read_cached_documents, store_cached
from generator.templating.memo import folder_material

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
    cookie_lifetimes: dict[str, str] = Field(
        default_factory=dict, description="How long each of those cookies lasts, as its provider documents it (e.g. '_ga: 2 years')."
    )
    tracks_across_sites: bool = Field(
        False, description="Whether it collects information about people's activity over time and across other websites (as advertising networks do)."
    )
    privacy_url: Annotated[str, AfterValidator(v.check_url)] = Field(description="The provider's privacy policy (https).")
    safeguards: str | None = Field(None, description="How transfers to it are protected (e.g. the EU-US Data Privacy Framework, SCCs).")
    stored_in: str | None = Field(None, description="Where it keeps and handles the business's data, when that is not where it is based (an answer only).")
    sends_to: list[str] = Field(default_factory=list, description="Other countries it sends the business's data on to (an answer only).")
    gets: list[str] = Field(default_factory=list, description="What exactly it gets, in the business's words (an answer only).")
    custom: bool = Field(False, description="True for a service defined inline in an answer file.")
    checked: dt.date | None = Field(
        None, description="The day the catalogue's facts (provider, country, cookies and their lifetimes, safeguards) were last checked against `sources`."
    )
    sources: list[Annotated[str, AfterValidator(v.check_url)]] = Field(
        default_factory=list, description="The provider's own pages those facts were checked against (https), such as its cookie list and data terms."
    )

    @model_validator(mode="after")
    def _lifetimes_of_named_cookies(self) -> Service:
        if unknown := set(self.cookie_lifetimes) - set(self.cookie_names):
            raise ValueError(f"cookie_lifetimes names cookies that are not in cookie_names: {', '.join(sorted(unknown))}")
        return self

    @model_validator(mode="after")
    def _checked_against_sources(self) -> Service:
        if self.checked is not None and not self.sources:
            raise ValueError("checked needs sources: the provider's pages the facts were checked against")
        return self

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
    cached = read_cached_documents(material, len(paths), dates=True)
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
    store_cached(material, raw, dates=True)  # parsed YAML, so the next process skips 100+ parses
    return services






