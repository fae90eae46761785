"""What an import did, item by item, and the summary an operator reads at the end."""

from collections import Counter
from dataclasses import dataclass, field

IMPORTED, UPDATED, SKIPPED, FAILED = "imported", "updated", "skipped", "failed"


def items(count):
    return f"{count} item" if count == 1 else f"{count} items"


@dataclass
class ImportReport:
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)
    skip_reasons: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)  # e.g. categories that matched no division

    def imported(self, label):
        self.counts[IMPORTED] += 1

    def updated(self, label):
        self.counts[UPDATED] += 1

    def skipped(self, label, reason):
        self.counts[SKIPPED] += 1
        self.skip_reasons[reason] += 1

    def failed(self, label, reason):
        self.counts[FAILED] += 1
        self.failures.append((label, reason))

    def warn(self, label, message):
        self.warnings.append((label, message))

    def note(self, message):
        self.notes[message] += 1

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def ok(self):
        return not self.counts[FAILED]

    def progress(self):
        """One line for long runs, e.g. after each batch."""
        return (
            f"... {items(self.total)}: {self.counts[IMPORTED]} imported, {self.counts[UPDATED]} updated, "
            f"{self.counts[SKIPPED]} skipped, {self.counts[FAILED]} failed"
        )

    def failure_line(self):
        """The CommandError message of a run with failures (exit code 1)."""
        return f"{items(self.counts[FAILED])} failed; see the list above. The others were imported."

    def summary(self):
        """The end-of-run text: counts, skip reasons with counts, each failure by name."""
        verb = "would be " if self.dry_run else ""
        lines = [
            ("Dry run, nothing saved. " if self.dry_run else "")
            + f"{items(self.total)}: {self.counts[IMPORTED]} {verb}imported, {self.counts[UPDATED]} {verb}updated, "
            f"{self.counts[SKIPPED]} skipped, {self.counts[FAILED]} failed."
        ]
        if self.skip_reasons:
            lines.append("Skipped:")
            lines += [f"  {count} × {reason}" for reason, count in sorted(self.skip_reasons.items())]
        if self.warnings:
            lines.append("Warnings:")
            lines += [f"  {label}: {message}" for label, message in self.warnings]
        if self.notes:
            lines.append("Notes:")
            lines += [f"  {message} ({items(count)})" for message, count in sorted(self.notes.items())]
        if self.failures:
            lines.append("Failed:")
            lines += [f"  {label}: {reason}" for label, reason in self.failures]
        return "\n".join(lines)
