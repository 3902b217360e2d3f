"""An import-linter contract for "reads another app only through its selectors".

DESIGN.md's layering lets an upper floor use the apps below only through some of
their modules (the dashboard through their selectors; the portal through their
selectors and services). A `forbidden` contract would have to list every other
module of every app below, and a module added later would slip through unlisted.
This contract names what is allowed instead: every direct import from a source
module into a target app must land in one of the allowed submodules (or below
them). Imports between the source's own modules are not its business.
"""

from grimp import ImportGraph
from importlinter.application import contract_utils, output
from importlinter.application.contract_utils import AlertLevel
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class ReadsThroughContract(Contract):
    """Source modules import the target apps only through the allowed submodules.

    Options:
        source_modules:   the packages whose imports are checked.
        target_modules:   the apps they read.
        allowed:          the submodule names of a target that may be imported
                          (e.g. ``selectors``); the target package itself is not.
        exclude:          module-name prefixes of sources not checked (tests,
                          migrations).
        ignore_imports:   import expressions to leave out, as in built-in contracts.
    """

    type_name = "reads_through"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    target_modules = fields.ListField(subfield=fields.ModuleField())
    allowed = fields.ListField(subfield=fields.StringField())
    exclude = fields.ListField(subfield=fields.StringField(), required=False)
    ignore_imports = fields.SetField(
        subfield=fields.ImportExpressionField(), required=False
    )
    unmatched_ignore_imports_alerting = fields.EnumField(
        AlertLevel, default=AlertLevel.ERROR
    )

    def _excluded(self, module: str) -> bool:
        return any(
            module == prefix or module.startswith(prefix + ".")
            for prefix in self.exclude or []
        )

    def _landing(self, imported: str) -> tuple[str, str] | None:
        """(target, first submodule) when ``imported`` is inside a target."""
        for target in self.target_modules:
            name = target.name
            if imported == name:
                return name, ""
            if imported.startswith(name + "."):
                return name, imported[len(name) + 1 :].split(".")[0]
        return None

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,
            unmatched_alerting=self.unmatched_ignore_imports_alerting,
        )
        violations = []
        for source in self.source_modules:
            modules = {source.name} | graph.find_descendants(source.name)
            for importer in sorted(modules):
                if self._excluded(importer):
                    continue
                for imported in sorted(
                    graph.find_modules_directly_imported_by(importer)
                ):
                    landing = self._landing(imported)
                    if landing is None or landing[1] in self.allowed:
                        continue
                    lines = graph.get_import_details(
                        importer=importer, imported=imported
                    )
                    violations.append(
                        {
                            "importer": importer,
                            "imported": imported,
                            "lines": [detail["line_number"] for detail in lines],
                        }
                    )
        return ContractCheck(
            kept=not violations,
            metadata={"violations": violations},
            warnings=removal.warnings,
            ignored_import_count=removal.ignored_import_count,
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        allowed = ", ".join(self.allowed)
        for violation in check.metadata["violations"]:
            lines = ", ".join(f"l.{n}" for n in violation["lines"])
            output.print_error(
                f"{violation['importer']} imports {violation['imported']} ({lines}): "
                f"only {allowed} may be imported from there.",
                bold=False,
            )
            output.new_line()
