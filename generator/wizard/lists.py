"""The wizard's lists: data items, purposes, services and lists of text, each proposed where earlier answers allow.

A mixin of `generator.wizard.flow.Wizard`, which holds the state and the asking (`_offer`, `_ask_one`, `_fill`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from generator.answers.model import CustomService, ServiceUse
from generator.answers.vocabulary import DataCategory
from generator.wizard import infer
from generator.wizard.prompts import Kind, Question, questions_of

if TYPE_CHECKING:
    from generator.library.services import Service
    from generator.wizard.back import Trail
    from generator.wizard.screen import Proposal

_ASKED_FACTS = ("data", "purposes", "gets", "provider", "country", "stored_in", "sends_to", "cookies", "tracks_across_sites", "safeguards")
"""The catalogue facts of a service the wizard asks an owner to correct, when they say the catalogue is wrong for them."""


class ListQuestions:
    """Asks a list answer: its items one by one, or what the answers so far propose for it."""

    data: dict[str, Any]
    open: list[str]
    revisit: bool
    pending: list[Proposal] | None
    force: set[str]
    collects: bool
    proposed: set[str]
    proposed_data: bool
    trail: Trail
    say: Callable[[str], None]

    if TYPE_CHECKING:

        def _offer(self, question: Question, default: Any, undo: Callable[[], None], retract: Callable[[], None] | None = None) -> Any: ...
        def _ask_one(self, question: Question, default: Any) -> Any: ...
        def _fill(self, model: type[BaseModel], item: dict[str, Any], prefix: str) -> None: ...
        def _suggest(self, question: Question) -> Any: ...

    def _list(self, question: Question, container: dict[str, Any], answered: bool) -> None:
        """Ask a list answer: fill the items it has, propose its items where the answers so far allow, then ask for more."""
        if question.path == "purposes" and self.pending is not None:
            self._follow_data_purposes(container)
        items: list[Any] = list(container.get(question.name) or [])
        proposed = not items and not answered and self.pending is not None and question.path not in self.force
        if proposed:
            items = self._proposed_items(question, container)
            container[question.name] = items
        if question.kind == "group-list":
            assert question.model is not None
            for number, existing in enumerate(items):
                if isinstance(existing, dict):
                    self._fill(question.model, existing, f"{question.path}[{number}]")
        if proposed and items and question.kind != "group-list":
            return  # offered whole on the screen: changing it there asks for the entries
        if answered and question.path not in self.open:
            return
        if self.revisit and items:
            shown = "; ".join(_short(item) for item in items)
            if not self._ask_one(control(question, "=", f"{question.message}\n  Now: {shown}\n  Keep these?"), True):
                items = []
        container[question.name] = items
        if question.path not in self.open:
            self.open.append(question.path)
        undo = self._reopen(question.path)
        while True:
            number = len(items)
            if question.kind == "group-list":
                assert question.model is not None
                if number or not question.required:
                    prompt = "Add another?" if number else f"{question.message} Add one?"
                    if not self._offer(control(question, f"[{number}]?", prompt), False, undo):
                        break
                elif question.none:
                    if not self.collects and not self._ask_one(control(question, "?", question.none), True):
                        break  # an explicit empty list: none at all
                    self.say(f"{question.message} (at least one)")
                else:
                    self.say(f"{question.message} (at least one)")
                item: dict[str, Any] = {}
                items.append(item)
                self._fill(question.model, item, f"{question.path}[{number}]")
            else:
                entries = self._ask_entry(question, number, undo)
                if not entries:
                    break
                items += entries
                self.trail.add_entries(question.step, f"{question.path}[{number}]", items, number, len(entries), undo)  # Ctrl-B takes them back
        self.open.remove(question.path)
        if question.kind == "services":
            self._confirm_facts(question, items)

    def _follow_data_purposes(self, container: dict[str, Any]) -> None:
        """Keep the legal-basis entries (`purposes`) in step with the purposes the data items give, as the owner changes them.

        A purpose that a data item now gives gets an entry (its legal basis proposed); an entry the wizard proposed for a
        purpose no data item gives any more is dropped. Entries the owner wrote or changed stay.
        """
        if "purposes" not in container or not self.proposed:
            return  # not reached yet (`_proposed_items` makes the entries), or the owner's own list, from their file
        used = infer.purposes_used(self.data)
        entries = [
            entry for entry in container["purposes"] if not isinstance(entry, dict) or entry.get("purpose") in used or entry.get("purpose") not in self.proposed
        ]
        have = {entry.get("purpose") for entry in entries if isinstance(entry, dict)}
        for purpose in used:
            if purpose not in have:
                entries.append({"purpose": purpose})
        if entries != container["purposes"]:
            self.proposed |= {str(entry["purpose"]) for entry in entries if isinstance(entry, dict) and "legal_basis" not in entry}
            container["purposes"] = entries

    def _reopen(self, path: str) -> Callable[[], None]:
        """What changing a list's "no more" on a screen does: the list is open again, so walking the step asks for more."""

        def reopen() -> None:
            if path not in self.open:
                self.open.append(path)

        return reopen

    def _proposed_items(self, question: Question, container: dict[str, Any]) -> list[Any]:
        """The items a list can start from, or none.

        Data categories from the answers so far (the owner picks from them), one purpose entry per purpose the data serves
        (each legal basis then proposed), the payment services already named.
        """
        if question.path == "data":
            found = infer.data_categories(self.data)
            if not found:
                return []
            labels = {category.value: category.label for category in DataCategory}
            choices = tuple((f"{labels[category]} (from {', '.join(dict.fromkeys(why))})", category) for category, why in found.items())
            others = tuple((label, value) for value, label in labels.items() if value not in found)
            picker = Question(
                path="data.categories", name="data", kind="checkbox", step=question.step, choices=choices + others, default=list(found),
                message="From your answers so far we think you collect these (ticked). Untick what you do not collect; tick anything else you do.",
                help="Each category ticked becomes a line of the policy's list of what you collect; its purposes are proposed next.",
            )  # fmt: skip
            picked = self._ask_one(picker, list(found))
            self.proposed_data = bool(picked)
            return [{"category": category} for category in picked]
        if question.path == "purposes" and self.proposed_data:  # legal bases for the purposes the wizard proposed, not for a file's
            entries: list[Any] = [{"purpose": purpose} for purpose in infer.purposes_used(self.data)]
            self.proposed |= {str(entry["purpose"]) for entry in entries if isinstance(entry, dict) and "legal_basis" not in entry}
            return entries
        if question.kind == "text-list":
            suggested = self._suggest(question)
            if suggested:
                return list(self._offer(question, suggested, lambda: container.pop(question.name, None)))
        if question.path == "payments.gateways":
            payment = {service.id: service.name for service in infer.chosen_services(self.data) if service.kind == "payment"}
            if payment:
                offer = Question(
                    path=question.path, name=question.name, kind="checkbox", message=question.message, step=question.step,
                    choices=tuple((name, service_id) for service_id, name in payment.items()),
                )  # fmt: skip
                return list(self._offer(offer, list(payment), lambda: container.pop(question.name, None)))
        return []

    def _ask_entry(self, question: Question, number: int, undo: Callable[[], None]) -> list[Any]:
        """One entry of a list of text, or one or more of services (ids separated by commas); none when the user leaves it empty."""
        several = "several separated by commas" if question.kind == "services" else "one at a time"
        message = f"{question.message} ({several}; leave empty if none)" if not number else "Another one? (leave empty to finish)"
        kind: Kind = "text" if question.kind == "text-list" else "services"
        entry = Question(
            path=f"{question.path}[{number}]", name=question.name, kind=kind, message=message,
            step=question.step, help=question.help, adapter=question.adapter,
        )  # fmt: skip
        value = self._offer(entry, "", undo) if not number and not question.required else self._ask_one(entry, "")
        if not value:
            return []
        if question.kind == "text-list":
            return [value]
        from generator.library.services import load_services

        entries: list[Any] = []
        for offset, service_id in enumerate(part.strip() for part in str(value).split(",") if part.strip()):
            if service_id in load_services():
                entries.append(service_id)
                continue
            path = f"{question.path}[{number + offset}]"
            confirm = control(question, f"[{number + offset}].custom", f"'{service_id}' is not in the catalogue. Describe it as your own service?")
            if self._ask_one(confirm, True):
                custom: dict[str, Any] = {"id": service_id}
                self._fill(CustomService, custom, path)
                entries.append(custom)
        return entries or self._ask_entry(question, number, undo)

    def _confirm_facts(self, question: Question, items: list[Any]) -> None:
        """Offer the catalogue's facts of each catalogue service listed, for the owner to confirm or correct (`_correct_facts`)."""
        from generator.library.services import load_services

        catalogue = load_services()
        for number, item in enumerate(items):
            if isinstance(item, str) and item in catalogue:
                service = catalogue[item]
                facts = f"The catalogue says: {catalogue_facts(service)} {checked_words(service)} Is that right for you?"
                confirm = control(question, f"[{number}].facts", facts)

                def correct(number: int = number, service: Service = service) -> None:
                    items[number] = self._correct_facts(question, number, service)

                if not self._offer(confirm, True, correct, retract=lambda: None):  # the id stays listed; its facts are asked again
                    correct()

    def _correct_facts(self, question: Question, number: int, service: Service) -> Any:
        """A catalogue service's facts, asked one by one: its id with the facts that differ for the owner (or the id alone)."""
        differs: dict[str, Any] = {"id": service.id}
        for fact in questions_of(ServiceUse, f"{question.path}[{number}]"):
            if fact.name not in _ASKED_FACTS:
                continue  # the id is known
            known = getattr(service, fact.name)
            shown = [category.value for category in known] if fact.name == "data" else known
            if fact.kind == "text-list":
                asked: dict[str, Any] = {fact.name: list(known)}
                self._list(fact, asked, False)
                answer = asked[fact.name]
            else:
                answer = self._ask_one(fact, shown)
            if answer != shown:
                differs[fact.name] = answer
        return differs if len(differs) > 1 else service.id


def control(question: Question, suffix: str, message: str) -> Question:
    """A yes/no question about a list or group (add one? keep these?), at the answer's path with `suffix`."""
    return Question(path=f"{question.path}{suffix}", name=question.name, kind="confirm", message=message, step=question.step, help=question.help)


def _short(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("name") or item.get("label") or item.get("category") or item.get("purpose") or item.get("id") or next(iter(item.values()), ""))
    return str(item)


def checked_words(service: Service) -> str:
    """Whether the catalogue's facts were checked against the provider's own pages (`checked`, `sources`), and when."""
    if service.checked is None:
        return "These facts are not yet checked against the provider's own pages: check each one before you confirm it."
    return f"These facts were checked against the provider's own pages on {service.checked.isoformat()} ({', '.join(service.sources)})."


def catalogue_facts(service: Service) -> str:
    """Every fact the policy states from a service's catalogue entry, in words, for the owner to confirm as theirs."""
    data = ", ".join(category.label.lower() for category in service.data)
    purposes = service.purposes[0] if len(service.purposes) == 1 else f"{', '.join(service.purposes[:-1])} and {service.purposes[-1]}"
    cookies = [f"{name} ({service.cookie_lifetimes[name]})" if name in service.cookie_lifetimes else name for name in service.cookie_names]
    said = [f"{service.name} ({service.provider}, {service.country}) gets your {data} to {purposes}."]
    if service.cookies:
        said.append(f"It sets cookies on your site{': ' + ', '.join(cookies) if cookies else ''}.")
    else:
        said.append("It sets no cookies on your site.")
    if service.tracks_across_sites:
        said.append("It tracks people across other websites.")
    if service.safeguards:
        said.append(f"It protects data sent abroad with: {service.safeguards}.")
    return " ".join(said)
