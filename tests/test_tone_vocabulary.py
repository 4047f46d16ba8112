"""The vocabulary: each word rule flags how IT teams really write, and leaves plain words alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.tone import load_rules
from macros.tone.rules import PatternRule
from tests.tone_helpers import by_rule, check_yaml, during, where

# (rule, level, a sentence it must flag, the words it flags, a close sentence that must pass)
CASES = [
    # Jargon, by area.
    ("jargon", "error", "The hypervisor restarted overnight.", "hypervisor",
     "The server restarted overnight."),
    ("jargon", "error", "PCs on ward 4 got no DHCP lease.", "DHCP lease",
     "PCs on ward 4 could not join the network."),
    ("jargon", "error", "Logins fail because LDAP is down.", "LDAP",
     "Logins fail because the staff directory is down."),
    ("jargon", "error", "The SAN is full.", "SAN", "San Marco ward is full."),
    ("jargon", "error", "A hotfix goes in at 22:00.", "hotfix", "A quick fix goes in at 22:00."),
    ("jargon", "error", "We rolled back the change at 09:10.", "rolled back",
     "We went back to the old version at 09:10."),
    ("jargon", "error", "We missed the SLA by an hour.", "SLA",
     "We aimed to fix it within four hours and took five."),
    ("jargon", "error", "This is a P2 incident.", "P2 incident",
     "The printer in bay 3 on ward P2 works."),
    ("jargon", "error", "The RADIUS server rejected the laptops.", "RADIUS server",
     "Measure the radius of the wound."),
    ("jargon", "error", "The UPS kicked in when the power failed.", "UPS",
     "The UPS delivery van comes at 10:00."),
    ("jargon", "error", "A cluster node failed.", "cluster node",
     "The lymph node biopsy form opens again."),
    ("jargon", "error", "It went to the staging environment first.", "staging environment",
     "Cancer staging forms open again."),
    ("jargon", "error", "Second-line support have the ticket.", "Second-line support",
     "First-line treatment guides are on the intranet."),
    ("jargon", "error", "We raised a ticket with the supplier.", "raised a ticket",
     "We asked the supplier to help."),
    ("jargon", "error", "The fix is waiting for CAB.", "CAB",
     "The fix is waiting for approval on Tuesday."),
    ("jargon", "error", "Security patching starts on Sunday.", "patching",
     "Nicotine patch orders go through as normal."),
    ("jargon", "error", "Your MFA prompt may appear twice.", "MFA",
     "The code from your phone may be asked for twice."),
    ("jargon", "error", "Single sign-on is not working.", "Single sign-on",
     "Tapping your card to log in is not working."),
    ("jargon", "error", "The AD account is locked.", "AD account", "Your login is locked."),
    ("jargon", "error", "Restore from a VM snapshot.", "VM",
     "We put back a saved copy from 02:00."),
    ("jargon", "error", "Some requests fail with a 503 response.", "503 response",
     "Beds 500 to 510 are on the new ward."),
    ("jargon", "error", "No ETA from the supplier yet.", "ETA",
     "The supplier expects it back by 14:00."),
    ("jargon", "error", "Please clear your browser cache.", "browser cache",
     "Please close the browser and open it again."),
    ("jargon", "error", "Core switch in block C lost power.", "Core switch",
     "Please switch off the PC before you leave."),
    # Formal words.
    ("formal-words", "warning", "Please utilise the paper forms.", "utilise",
     "Please use the paper forms."),
    ("formal-words", "warning", "In the event of a problem, call ext. 4444.",
     "In the event of", "If there is a problem, call ext. 4444."),
    ("formal-words", "warning", "Going forward, we will test on Sundays.", "Going forward",
     "The work is going forward as planned."),
    ("formal-words", "warning", "At this moment in time, email works.", "At this moment in time",
     "Email works now."),
    ("formal-words", "warning", "Please reach out to the service desk.", "reach out to",
     "Please call the service desk on ext. 4444."),
    ("formal-words", "warning", "Save your work prior to 22:00.", "prior to",
     "Save your work before 22:00."),
    ("formal-words", "warning", "The upgrade is mandatory.", "mandatory",
     "Everyone needs the upgrade."),
    # Every shape of the empty apology.
    ("empty-apology", "error", "We apologise for the inconvenience.",
     "We apologise for the inconvenience", "We are sorry: you had to write results by hand."),
    ("empty-apology", "error", "Apologies for any inconvenience caused.",
     "Apologies for any inconvenience", "Sorry, this took longer than we said."),
    ("empty-apology", "error", "We sincerely apologise for the disruption.",
     "We sincerely apologise for the disruption",
     "We are sorry for the disruption to your clinic this morning."),
    ("empty-apology", "error", "Please accept our apologies.", "Please accept our apologies",
     "We are sorry we did not warn you sooner."),
    ("empty-apology", "error", "We're sorry for any trouble this may have caused.",
     "We're sorry for any trouble this may have caused",
     "We're sorry the labels printed blank."),
    ("empty-apology", "error", "We understand how frustrating this is.",
     "We understand how frustrating this is",
     "We know this means writing results by hand on a busy night."),
    # Every shape of thanks for patience.
    ("empty-thanks", "warning", "Thank you for your patience and understanding.",
     "Thank you for your patience and understanding",
     "Thank you for your patience this morning."),
    ("empty-thanks", "warning", "Thanks for your continued patience while we work on it.",
     "Thanks for your continued patience", "Thanks to ward 6 for testing the new labels."),
    ("empty-thanks", "warning", "Your patience is greatly appreciated.",
     "Your patience is greatly appreciated", "Your help with testing made the difference."),
    ("empty-thanks", "warning", "We appreciate your understanding.",
     "We appreciate your understanding", "We appreciate the notes ward 6 sent us."),
    ("empty-thanks", "warning", "Please bear with us.", "Please bear with us",
     "Records should open normally by 10:00."),
    # Filler and vague promises.
    ("filler", "warning", "EHR slow, investigating.", "investigating",
     "We are investigating why labels print blank on ward 5."),
    ("filler", "warning", "Engineers are engaged.", "Engineers are engaged",
     "Two engineers are replacing the disk."),
    ("filler", "warning", "We take this matter very seriously.",
     "We take this matter very seriously", "We now check every change twice."),
    ("filler", "warning", "Planned works may cause some disruption.",
     "may cause some disruption", "Patient records will be off from 22:00 to 02:00."),
    ("vague-time", "warning", "Service will be restored shortly.", "shortly",
     "Service should be back by 10:00."),
    ("vague-time", "warning", "Updates will follow.", "Updates will follow",
     "We will update this page by 09:30."),
    ("vague-time", "warning", "Email will be unavailable until further notice.",
     "until further notice", "Email will be off until 14:00."),
    ("vague-time", "warning", "The new date is TBC.", "TBC",
     "We will confirm the new date by Friday."),
    ("vague-time", "warning", "We will keep you updated.", "We will keep you updated",
     "We will update this page every 30 minutes."),
    ("vague-time", "warning", "Records will be restored.", "will be restored",
     "Records should be back by 10:00."),
    ("filler", "warning", "Records are back up and running.", "up and running",
     "Patient records open normally again."),
    # Passive evasion and blame.
    ("passive-evasion", "error", "An incorrect change was applied.",
     "An incorrect change was applied", "We applied the wrong change at 07:00."),
    ("passive-evasion", "error", "It has come to our attention that labels print blank.",
     "It has come to our attention that", "Ward 6 told us that labels print blank."),
    ("passive-evasion", "error", "The outage was due to unforeseen circumstances.",
     "unforeseen circumstances", "The supplier's server room lost power."),
    ("blame", "error", "This is outside our control.", "outside our control",
     "The supplier is fixing it; we will update this page by 11:00."),
    ("blame", "error", "It is not an IT issue.", "not an IT issue",
     "The lab team looks after that system; we have called them for you."),
    ("blame", "error", "Staff who didn't restart their PCs see the old version.",
     "Staff who didn't restart", "If you still see the old version, restart your PC."),
    # Vague benefits and distancing.
    ("vague-improvements", "warning", "The release includes enhancements.",
     "includes enhancements",
     "Results will open in seconds instead of half a minute."),
    ("vague-improvements", "warning", "Staff will enjoy a seamless experience.",
     "a seamless experience",
     "You will log in once a shift instead of five times."),
    ("vague-improvements", "warning", "It brings an improved user experience.",
     "an improved user experience", "The date now shows first on the results screen."),
    ("distancing", "warning", "End users may see an error.", "End users",
     "You may see an error."),
    ("distancing", "warning", "Affected users can log in again.", "Affected users",
     "Staff on wards 4 to 9 can log in again."),
    ("distancing", "warning", "No action is needed from our customers.", "our customers",
     "You do not need to do anything."),
    ("plain-words", "warning", "The issue is fixed.", "The issue",
     "We will issue new cards on Monday."),
    ("business-speak", "warning", "Go-live has been re-baselined.", "re-baselined",
     "Go-live moves to September."),
    ("shouting", "warning", "Log off at the end of your shift!!", "!!",
     "Please log off at the end of your shift."),
]


@pytest.mark.parametrize(("rule", "level", "bad", "words", "good"), CASES,
                         ids=[f"{c[0]}-{c[3]}" for c in CASES])
def test_each_rule_flags_how_it_teams_write_and_passes_the_plain_version(
        tmp_path: Path, rule: str, level: str, bad: str, words: str, good: str) -> None:
    text = during(bad)
    flagged = by_rule(check_yaml(tmp_path, text), rule)
    assert [(f.line, f.col) for f in flagged] == [where(text, words)], flagged
    assert flagged[0].severity == level
    assert f"'{words}'" in flagged[0].message
    assert flagged[0].suggestion
    assert check_yaml(tmp_path, during(good)) == []


# Words from the server room a nurse should never have to look up: each is flagged.
JARGON = [
    # Infrastructure.
    "hypervisor", "virtual machine", "VMs", "VMware", "ESXi", "Hyper-V", "host cluster",
    "cluster node", "server rack", "blade server", "UPS", "firmware", "BIOS", "kernel panic",
    "patching", "security patches", "reboot", "power-cycled", "bounced the server", "spun up",
    "provisioned", "server instance", "Docker", "Kubernetes", "containerised", "microservices",
    "API", "API endpoint", "middleware", "backend", "front-end", "cache", "CPU",
    "memory leak", "disk space", "IOPS", "batch job", "cron job", "service account",
    "daemon", "Linux", "Windows Server 2019", "OS upgrade", "mainframe", "VDI",
    "thin clients", "Citrix", "RDP", "terminal server", "application server", "infrastructure",
    "legacy system", "tech debt", "print spooler", "device drivers", "server logs",
    "observability", "SolarWinds",
    # Networking.
    "DNS", "DHCP", "IP address", "IPv6", "subnet", "VLAN", "VPN", "firewall", "proxy server",
    "router", "network switch", "WAN", "LAN", "SSID", "access point", "bandwidth",
    "throughput", "jitter", "packet loss", "latency", "ping", "traceroute", "TCP/IP",
    "port 443", "SSL", "TLS", "HTTPS", "SSL certificate", "hostname", "MPLS", "SD-WAN",
    "BGP", "ISP", "leased line", "connectivity", "DDoS", "CDN", "load balancer", "failover",
    "redundant link", "single point of failure", "NIC", "MAC address", "Ethernet",
    "802.1X", "SMTP", "mail relay", "MX record", "Exchange Online", "M365", "Azure", "AWS",
    "VoIP", "SIP trunk", "PBX", "telephony", "NOC", "SOC",
    # Identity and sign-in.
    "LDAP", "Active Directory", "AD account", "Azure AD", "Entra ID", "domain controller",
    "SSO", "single sign-on", "MFA", "2FA", "OTP", "authentication", "login credentials",
    "access token", "SAML", "OAuth", "Kerberos", "group policy", "GPO", "identity provider",
    "RBAC", "SSPR", "Okta", "conditional access",
    # Storage and databases.
    "SAN", "NAS", "storage array", "RAID", "LUN", "file share", "mapped drive", "NFS",
    "iSCSI", "backup job", "RPO", "VM snapshot", "replication", "database locking", "DB",
    "SQL", "PostgreSQL", "deadlock", "SQL queries", "reindexing", "schema",
    "stored procedure", "transaction log", "ETL", "data warehouse", "migration", "HL7",
    "FHIR", "DICOM", "interface engine", "message queue", "lab interface",
    # Deployment and releases.
    "hotfix", "rollback", "rolled back", "deployment", "code freeze", "change window",
    "change request", "RFC", "cutover", "staging environment", "UAT", "production server",
    "regression testing", "config", "misconfigured", "CI/CD", "feature flag",
    "canary release", "zero-downtime", "SaaS", "on-prem", "service pack", "CVE",
    "zero-day", "reimage", "SCCM", "Intune", "MDM",
    # Support tiers and the service desk.
    "second-line support", "2nd line engineers", "L2 support", "tier 3 support",
    "resolver group", "assignment group", "escalated to the vendor", "raise a ticket",
    "support ticket", "ticket number", "INC0012345", "ServiceNow", "Jira", "break-fix",
    "deskside support", "remote session", "SLA", "OLA", "MTTR", "uptime", "99.9% uptime",
    # Priority codes and service-management acronyms.
    "P1", "P2", "P3 ticket", "priority 1 incident", "Sev 1", "ITIL", "ITSM", "CMDB",
    "RCA", "PIR", "post-incident review", "known error", "BAU", "ETA", "DR site",
    "disaster recovery", "high availability", "hot standby", "BCP", "WFH",
]


@pytest.mark.parametrize("term", JARGON)
def test_every_server_room_word_is_flagged(tmp_path: Path, term: str) -> None:
    text = during(f"We found {term} here.")
    flagged = by_rule(check_yaml(tmp_path, text), "jargon")
    assert flagged, f"{term!r} is not flagged"
    assert (flagged[0].line, flagged[0].col) == where(text, term.split()[0])


def test_the_vocabulary_is_large_and_every_entry_says_what_to_write_instead() -> None:
    rules = {r.name: r for r in load_rules()}
    jargon = rules["jargon"]
    assert isinstance(jargon, PatternRule)
    assert len(jargon.advice) >= 150
    assert len(set(JARGON)) >= 150
    for rule in rules.values():
        if isinstance(rule, PatternRule):
            assert all(a.strip() for a in rule.advice) or rule.suggest, rule.name


# Words that look like IT words but are the hospital's own, or plain English.
NOT_JARGON = [
    "The lymph node clinic moves to the first floor.",
    "Cancer staging forms open again.",
    "Telemetry on ward 7 is not affected.",
    "Patients on the first-line treatment list are not affected.",
    "The L1 vertebra image is stored safely.",
    "Nicotine patch orders go through as normal.",
    "The sharps container order form works.",
    "The new saline solution is on the stock list.",
    "Measure the radius of the wound as usual.",
    "Please escalate to the doctor as usual.",
    "End of life care plans print as normal.",
    "Car park level P2 is closed for painting.",
    "San Marco ward moves on Monday.",
    "Give the patient a gentle prod if they sleep through the alarm.",
    "The UPS parcel for pharmacy arrived.",
    "A cluster of flu cases on ward 3 means visiting is limited.",
    "For instance, the results screen now shows the date first.",
    "Please switch off the PC before you leave.",
    "Staff should log on to the new system with their usual password.",
    "The read-only viewer stays on during the work.",
    "Visitors are not allowed at this time of night.",
    "Your DBS check is not affected.",
]


@pytest.mark.parametrize("sentence", NOT_JARGON)
def test_hospital_words_that_look_like_it_words_pass(tmp_path: Path, sentence: str) -> None:
    assert check_yaml(tmp_path, during(sentence)) == []
