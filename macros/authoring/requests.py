"""What `bedside new`, `bedside update` and `bedside resolve` were given."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IncidentRequest:
    """What `bedside new incident` was given (empty for what was not)."""

    title: str = ""
    impact: str = ""
    components: list[str] = field(default_factory=list)  # "ehr=major_outage"
    affects: str = ""
    message: str = ""
    workaround: str = ""
    audiences: list[str] = field(default_factory=list)
    next_update: str = ""


@dataclass
class MaintenanceRequest:
    """What `bedside new maintenance` was given."""

    title: str = ""
    components: list[str] = field(default_factory=list)  # "ehr" or "ehr=partial_outage"
    start: str = ""
    end: str = ""
    affects: str = ""
    why: str = ""
    benefit: str = ""
    prepare: list[str] = field(default_factory=list)
    during: str = ""
    contact: str = ""
    audiences: list[str] = field(default_factory=list)
    announce_from: str = ""


@dataclass
class UpdateRequest:
    """What `bedside update` or `bedside resolve` was given."""

    ident: str
    status: str = ""
    components: list[str] = field(default_factory=list)  # "ehr=operational"
    message: str = ""
    workaround: str = ""
    next_update: str = ""
    data_impact: str = ""
