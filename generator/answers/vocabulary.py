"""Fixed vocabularies of the answer file: data categories, purposes, sources and more.

Each vocabulary is a string enum whose values are the words an answer file uses
(`contact`, `marketing`) and whose members carry a readable label and a short
description. Clauses, the wizard, the JSON Schema and the docs all read these,
so adding a member here is the one change that makes a new choice available.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self, cast


class Vocabulary(StrEnum):
    """A string enum whose members carry a label and a description."""

    label: str
    description: str

    def __new__(cls, value: str, label: str, description: str = "") -> Vocabulary:
        """Create a member from its answer-file value, label and description."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.description = description
        return member

    def __str__(self) -> str:
        """Return the answer-file value, so a member prints as it is written."""
        return str(self.value)

    @classmethod
    def member(cls, value: str) -> Self:
        """The member whose answer-file value is `value` (`Jurisdiction.member("new-jersey")`).

        Raises:
            KeyError: when no member has that value.
        """
        return cast("Self", cls._value2member_map_[value])

    @classmethod
    def choices(cls) -> list[str]:
        """Return the accepted answer-file values in their declared order."""
        return [member.value for member in cls]


class DataCategory(Vocabulary):
    """A category of personal data the business collects."""

    sensitive: bool

    IDENTITY = ("identity", "Identity details", "name, username, date of birth, age, gender, photograph")
    CONTACT = ("contact", "Contact details", "email address, phone number, postal address")
    DEMOGRAPHIC = ("demographic", "Demographic details", "age range, gender, marital status, likes and interests")
    PROFESSIONAL = ("professional", "Professional details", "job title, employer, business name and address")
    SOCIAL_PROFILE = ("social-profile", "Social media profile", "public profile details shared when you sign in with a social account")
    CREDENTIALS = ("credentials", "Account login details", "username, password and other sign-in or security details")
    PAYMENT = ("payment", "Payment details", "card or bank details, handled by our payment provider")
    BILLING = ("billing", "Billing records", "invoices, orders, payments made and refunds")
    USAGE = ("usage", "Usage data", "pages visited, features used, clicks, time spent and referring pages")
    DEVICE = ("device", "Log data", "IP address, browser and device type, language, operating system, dates and times of access")
    LOCATION = ("location", "Approximate location", "country or city worked out from your IP address")
    PRECISE_LOCATION = ("precise-location", "Precise location", "GPS or similar location from your device, with your permission")
    CORRESPONDENCE = ("correspondence", "Messages", "emails, chats, calls, support tickets and their details")
    PRIVATE_MESSAGES = ("private-messages", "Private messages", "messages people send each other through our service, which we do not receive ourselves")
    CALL_RECORDINGS = ("call-recordings", "Call recordings", "recordings of phone or video calls with us")
    USER_CONTENT = ("user-content", "Content you provide", "documents, images and other files you upload or store with us")
    DEVICE_ACCESS = ("device-access", "Remote support session data", "what is visible on your device while we connect to it to help you")
    EDUCATION = ("education", "Education records", "courses taken, test scores, certificates and progress")
    GOVERNMENT_ID = ("government-id", "Government identifiers", "PAN, Aadhaar, passport or tax numbers")
    HEALTH = ("health", "Health information", "physical or mental health conditions and medical history")
    BIOMETRIC = ("biometric", "Biometric data", "fingerprints, face or voice templates used to identify you")
    FINANCIAL = ("financial", "Financial information", "bank account, income or credit details beyond a single payment")
    MARKETING_PREFERENCES = ("marketing-preferences", "Marketing preferences", "which messages you want from us and how")
    INFERENCES = ("inferences", "Inferences", "interests and preferences we work out from other data")
    CHILDREN = ("children", "Information about children", "details of a child that a parent or school gives us")


_SENSITIVE = {"credentials", "payment", "government-id", "health", "biometric", "financial", "precise-location"}
for _member in DataCategory:
    _member.sensitive = _member.value in _SENSITIVE


class Purpose(Vocabulary):
    """A reason the business uses personal data."""

    PROVIDE_SERVICE = ("provide-service", "Provide our services", "deliver what you asked us for")
    WEBSITE = ("website", "Run our website", "show you our website and keep it working")
    ACCOUNT = ("account", "Create and manage your account", "sign-up, sign-in and account settings")
    ORDERS = ("orders", "Process and deliver orders", "take your orders, deliver them and keep a record of them")
    BILLING = ("billing", "Bill you and take payments", "send invoices, take payments and keep a record of them")
    SUPPORT = ("support", "Answer questions and give support", "reply to your questions and help you")
    REMOTE_SUPPORT = ("remote-support", "Give remote technical support", "connect to your device, with your permission, to fix a problem")
    SERVICE_MESSAGES = ("service-messages", "Send service messages", "tell you about what you asked us for")
    MARKETING = ("marketing", "Send marketing", "send you marketing messages")
    PERSONALISATION = ("personalisation", "Personalise your experience", "show content and offers that suit you")
    ANALYTICS = ("analytics", "Understand how our website and services are used", "count visits and see how people use them")
    IMPROVE = ("improve", "Improve our services", "fix problems and make our services work better")
    RESEARCH = ("research", "Run surveys and research", "ask for your views and study what customers need")
    AGGREGATE_STATISTICS = ("aggregate-statistics", "Produce aggregated statistics", "combined figures that do not identify you")
    ADVERTISING = ("advertising", "Show advertising", "show our ads on other websites and measure them")
    CONTEXTUAL_ADVERTISING = (
        "contextual-advertising",
        "Show contextual ads",
        "show ads on our service chosen only from the page or screen you are viewing, never from a profile of you",
    )
    SECURITY = ("security", "Keep our services secure", "protect our services and your information from misuse and attacks")
    LEGAL = ("legal", "Meet legal obligations", "keep the records the law requires us to keep")
    DISPUTES = ("disputes", "Resolve disputes and enforce our terms", "handle complaints, claims and breaches of our terms")
    CERTIFICATION = ("certification", "Run assessments and issue certificates", "score tests, issue and verify certificates")
    RECRUITMENT = ("recruitment", "Consider job applications", "assess candidates who apply to work with us")


class Source(Vocabulary):
    """Where the business gets a category of data from."""

    YOU = ("you", "From you", "when you fill in a form, sign up, buy, or contact us")
    AUTOMATIC = ("automatic", "Automatically", "from your device through cookies, logs and similar technology")
    SOCIAL_LOGIN = ("social-login", "From a social network you sign in with", "")
    INTEGRATIONS = ("integrations", "From apps you connect to our service", "")
    PARTNERS = ("partners", "From our business partners", "")
    SERVICES = ("services", "From services that work for us", "such as a payment provider that checks your identity")
    EMPLOYER = ("employer", "From your employer or organisation", "")
    PUBLIC = ("public", "From public sources", "")


class CollectionPoint(Vocabulary):
    """A moment when the business collects data from people."""

    FORMS = ("forms", "When you fill in a form on our website")
    SIGN_UP = ("sign-up", "When you create an account")
    APPOINTMENTS = ("appointments", "When you book an appointment or a service visit")
    SERVICE_DROP_OFF = ("service-drop-off", "When you bring in a product for service")
    PURCHASES = ("purchases", "When you buy something")
    CALLS = ("calls", "When you call us")
    CHAT = ("chat", "When you start a chat with us")
    EMAIL = ("email", "When you email us")
    SURVEYS = ("surveys", "When you answer a survey")
    EVENTS = ("events", "When you attend an event or webinar")
    COURSES = ("courses", "When you take a course or an assessment")
    BROWSING = ("browsing", "When you browse our website")
    REMOTE_SESSIONS = ("remote-sessions", "When you let us connect to your device for support")


class LegalBasis(Vocabulary):
    """A lawful basis for using data, as the GDPR, UK GDPR and LGPD name them.

    A recognised legitimate interest is the UK GDPR's alone (Art. 6(1)(ea), inserted by the Data (Use and Access) Act 2025 s.70):
    it is accepted only where the UK is chosen and no other law that reads the legal bases is (`generator.answers.consistency`).
    """

    CONSENT = ("consent", "Your consent", "you can withdraw it at any time")
    CONTRACT = ("contract", "Performing our contract with you", "or taking steps you ask for before one")
    LEGAL_OBLIGATION = ("legal-obligation", "Meeting a legal obligation", "")
    LEGITIMATE_INTERESTS = ("legitimate-interests", "Our legitimate interests", "")
    VITAL_INTERESTS = ("vital-interests", "Protecting someone's life", "")
    PUBLIC_TASK = ("public-task", "A task in the public interest", "")
    RECOGNISED_LEGITIMATE_INTEREST = ("recognised-legitimate-interest", "A recognised legitimate interest under UK law", "")


class Jurisdiction(Vocabulary):
    """A place whose privacy law the policy must satisfy."""

    INDIA = ("india", "India", "IT Act 2000 with the SPDI Rules 2011, and the DPDP Act 2023 with the DPDP Rules 2025")
    EU = ("eu", "European Union", "the GDPR and the ePrivacy rules on cookies")
    UK = ("uk", "United Kingdom", "the UK GDPR, the Data Protection Act 2018 and PECR")
    UNITED_STATES = ("united-states", "United States (federal)", "COPPA for children under 13")
    CALIFORNIA = ("california", "California", "the CCPA as amended by the CPRA, and CalOPPA")
    VIRGINIA = ("virginia", "Virginia", "the Virginia Consumer Data Protection Act")
    COLORADO = ("colorado", "Colorado", "the Colorado Privacy Act")
    CONNECTICUT = ("connecticut", "Connecticut", "the Connecticut Data Privacy Act")
    TEXAS = ("texas", "Texas", "the Texas Data Privacy and Security Act")
    OREGON = ("oregon", "Oregon", "the Oregon Consumer Privacy Act")
    ALABAMA = ("alabama", "Alabama", "the Alabama Personal Data Protection Act (from 1 May 2027)")
    DELAWARE = ("delaware", "Delaware", "the Delaware Personal Data Privacy Act")
    INDIANA = ("indiana", "Indiana", "the Indiana Consumer Data Protection Act")
    IOWA = ("iowa", "Iowa", "the Iowa Consumer Data Protection Act")
    KENTUCKY = ("kentucky", "Kentucky", "the Kentucky Consumer Data Protection Act")
    LOUISIANA = ("louisiana", "Louisiana", "the Louisiana Data Privacy Act (from 1 January 2027)")
    MARYLAND = ("maryland", "Maryland", "the Maryland Online Data Privacy Act")
    MINNESOTA = ("minnesota", "Minnesota", "the Minnesota Consumer Data Privacy Act")
    MONTANA = ("montana", "Montana", "the Montana Consumer Data Privacy Act")
    NEBRASKA = ("nebraska", "Nebraska", "the Nebraska Data Privacy Act")
    NEW_HAMPSHIRE = ("new-hampshire", "New Hampshire", "New Hampshire's privacy law (RSA 507-H)")
    NEW_JERSEY = ("new-jersey", "New Jersey", "the New Jersey Data Privacy Act")
    OKLAHOMA = ("oklahoma", "Oklahoma", "the Oklahoma Consumer Data Privacy Act (from 1 January 2027)")
    RHODE_ISLAND = ("rhode-island", "Rhode Island", "the Rhode Island Data Transparency and Privacy Protection Act")
    TENNESSEE = ("tennessee", "Tennessee", "the Tennessee Information Protection Act")
    UTAH = ("utah", "Utah", "the Utah Consumer Privacy Act")
    BRAZIL = ("brazil", "Brazil", "the LGPD")
    CANADA = ("canada", "Canada", "PIPEDA")
    QUEBEC = ("quebec", "Quebec", "Quebec's Law 25")
    AUSTRALIA = ("australia", "Australia", "the Privacy Act 1988 and the Australian Privacy Principles")
    SINGAPORE = ("singapore", "Singapore", "the PDPA 2012")
    SWITZERLAND = ("switzerland", "Switzerland", "the revised Federal Act on Data Protection (FADP) and the Data Protection Ordinance")
    NEW_ZEALAND = ("new-zealand", "New Zealand", "the Privacy Act 2020 and its information privacy principles")
    JAPAN = ("japan", "Japan", "the Act on the Protection of Personal Information (APPI)")
    SOUTH_AFRICA = ("south-africa", "South Africa", "the Protection of Personal Information Act 2013 (POPIA)")


US_STATE_LAWS = frozenset(
    {"virginia", "colorado", "connecticut", "texas", "oregon", "alabama", "delaware", "indiana", "iowa", "kentucky", "louisiana", "maryland"}
    | {"minnesota", "montana", "nebraska", "new-hampshire", "new-jersey", "oklahoma", "rhode-island", "tennessee", "utah"}
)
"""The US states whose comprehensive privacy law follows the Virginia and Colorado model (clauses/laws/us-states.yaml)."""
US_JURISDICTIONS = US_STATE_LAWS | {"united-states", "california"}
GDPR_LIKE = frozenset({"eu", "uk", "brazil"})


class BusinessKind(Vocabulary):
    """What kind of business this is."""

    IT_SERVICES = ("it-services", "IT services and software development")
    REMOTE_SUPPORT = ("remote-support", "Technical and remote support services")
    EDTECH = ("edtech", "Online education, training or certification")
    CONSULTANCY = ("consultancy", "Consultancy or professional services")
    SAAS = ("saas", "Software as a service")
    ONLINE_SHOP = ("online-shop", "Online shop")
    RETAIL = ("retail", "Shop with physical stores")
    HEALTH = ("health", "Health or wellness services")
    NONPROFIT = ("nonprofit", "Non-profit organisation")
    MEDIA = ("media", "Publishing or media")
    OTHER = ("other", "Another kind of business")


class NotUsed(Vocabulary):
    """Something a business says it does not use: stated only when it is listed, and refused when other answers say otherwise."""

    ANALYTICS = ("analytics", "analytics tools", "tools that measure how people use the website or app")
    ADVERTISING = ("advertising", "advertising", "ads, on our service or elsewhere")
    CRASH_REPORTING = ("crash-reporting", "crash reporting", "tools that send us reports when the app fails")
    CROSS_SITE_IDENTIFIERS = ("cross-site-identifiers", "identifiers that follow you across other apps or websites", "advertising IDs and similar")
    SENSITIVE_DATA = ("sensitive-data", "sensitive personal information", "health, biometric and other special categories")
    PROFILING = ("profiling", "profiling", "working out your preferences or behaviour by automated means")


class CookieKind(Vocabulary):
    """What a group of cookies or similar technologies does."""

    ESSENTIAL = ("essential", "Strictly necessary", "make the site work")
    PREFERENCES = ("preferences", "Preferences", "remember your settings")
    ANALYTICS = ("analytics", "Analytics", "count visits and see how people use the site")
    ADVERTISING = ("advertising", "Advertising", "show and measure ads, on our site or elsewhere")
    CONTEXTUAL_ADVERTISING = (
        "contextual-advertising",
        "Contextual advertising",
        "choose the ads on our pages only from what the page is about, and limit how often the same ad is shown",
    )
    SOCIAL = ("social", "Social media", "let you share or sign in with social networks")


class ConsentException(Vocabulary):
    """An exception to a parent's prior consent under the US COPPA Rule (16 CFR 312.5(c)) that the business relies on."""

    ONE_TIME_CONTACT = (
        "one-time-contact",
        "One-time contact (16 CFR 312.5(c)(3))",
        "a child's email address or other online contact details, used only to answer one request of the child once, never to "
        "contact the child again or for anything else, given to no one, and deleted promptly after the reply",
    )
    INTERNAL_OPERATIONS = (
        "internal-operations",
        "Support for internal operations (16 CFR 312.5(c)(7))",
        "a persistent identifier (such as a cookie ID), and no other personal information, used only to run the service, never to "
        "contact a child, to build a profile of one or for behavioural advertising",
    )


class InternalOperation(Vocabulary):
    """What a persistent identifier collected from children is used for: COPPA's support for internal operations (16 CFR 312.2)."""

    FUNCTIONING = ("functioning", "keep our service working and fix problems", "maintain or analyse the functioning of the service")
    NETWORK = ("network", "deliver our pages and content to the device", "perform network communications")
    PERSONALISE = ("personalise", "recognise a returning device to keep its progress and settings", "authenticate users or personalise content")
    CONTEXTUAL_ADS = ("contextual-ads", "show ads chosen only by what is on the page", "serve contextual advertising")
    FREQUENCY_CAPPING = ("frequency-capping", "limit how often the same ad is shown", "cap the frequency of advertising")
    SECURITY = ("security", "protect our service and its users from misuse and attacks", "protect the security or integrity of the user or the service")
    LEGAL = ("legal", "meet our legal obligations", "ensure legal or regulatory compliance")


class Channel(Vocabulary):
    """A channel the business uses to send messages."""

    EMAIL = ("email", "Email")
    SMS = ("sms", "SMS text message")
    PHONE = ("phone", "Phone call")
    WHATSAPP = ("whatsapp", "WhatsApp")
    POST = ("post", "Post")
    PUSH = ("push", "App notifications")


class SecurityMeasure(Vocabulary):
    """A security practice the business follows."""

    TLS = ("tls", "Encryption in transit (TLS)", "connections to our website and services are encrypted")
    ENCRYPTION_AT_REST = ("encryption-at-rest", "Encryption at rest", "stored data is encrypted")
    FIREWALLS = ("firewalls", "Firewalls", "our servers sit behind firewalls")
    MFA = ("mfa", "Multi-factor authentication", "we use more than a password to sign in to the accounts that hold your information")
    ROLE_BASED_ACCESS = ("role-based-access", "Role-based access", "staff see only the data their role needs")
    BACKUPS = ("backups", "Backups", "we keep backups so data can be restored")
    AUDITS = ("audits", "Regular audits", "we review our systems and data handling regularly")
    DISASTER_RECOVERY = ("disaster-recovery", "Disaster recovery plan", "we have a plan to recover from outages")
    ISO27001 = ("iso27001", "ISO/IEC 27001 programme", "a documented information security programme based on IS/ISO/IEC 27001")
    PCI_DSS = ("pci-dss", "PCI-DSS compliant payments", "card payments go through a PCI-DSS compliant provider")
    STAFF_TRAINING = ("staff-training", "Staff training", "our staff are trained to handle personal data")
    CONFIDENTIALITY = ("confidentiality", "Confidentiality agreements", "staff and providers are bound to keep data confidential")
    SECURE_HOSTING = ("secure-hosting", "Secure cloud hosting", "we host data with providers that secure their data centres")
    MONITORING = ("monitoring", "Monitoring", "we watch for and respond to suspicious activity")


class RequestMethod(Vocabulary):
    """A way people can send a privacy request."""

    EMAIL = ("email", "Email")
    WEB_FORM = ("web-form", "Web form")
    PHONE = ("phone", "Phone")
    POST = ("post", "Post")
    IN_ACCOUNT = ("in-account", "Account settings")
