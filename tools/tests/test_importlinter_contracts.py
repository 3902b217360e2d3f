"""The layering contract that names what an upper floor may import."""

from grimp import ImportGraph

from tools.importlinter_contracts import ReadsThroughContract


def graph_with(*imports: tuple[str, str]) -> ImportGraph:
    graph = ImportGraph()
    for importer, imported in imports:
        for module in (importer, imported):
            # A real graph holds every package above a module too.
            parts = module.split(".")
            for end in range(1, len(parts) + 1):
                graph.add_module(".".join(parts[:end]))
        graph.add_import(
            importer=importer, imported=imported, line_number=3, line_contents="import"
        )
    return graph


def contract(**options) -> ReadsThroughContract:
    defaults = {
        "source_modules": ["board"],
        "target_modules": ["records"],
        "allowed": ["selectors"],
        "exclude": ["board.tests"],
    }
    return ReadsThroughContract(
        name="test", session_options={}, contract_options={**defaults, **options}
    )


def test_an_import_of_the_targets_selectors_keeps_the_contract():
    graph = graph_with(("board.views", "records.selectors.stats"))
    assert contract().check(graph, verbose=False).kept


def test_an_import_of_the_targets_models_breaks_it_and_names_the_line():
    graph = graph_with(
        ("board.views", "records.selectors"), ("board.tables", "records.models")
    )
    check = contract().check(graph, verbose=False)
    assert not check.kept
    assert check.metadata["violations"] == [
        {"importer": "board.tables", "imported": "records.models", "lines": [3]}
    ]


def test_a_module_added_to_the_target_later_is_refused_without_being_listed():
    graph = graph_with(("board.views", "records.brand_new_module"))
    assert not contract().check(graph, verbose=False).kept


def test_importing_the_target_package_itself_is_refused():
    graph = graph_with(("board.views", "records"))
    assert not contract().check(graph, verbose=False).kept


def test_excluded_sources_and_ignored_imports_are_not_checked():
    graph = graph_with(
        ("board.tests.test_x", "records.models"), ("board.legacy", "records.models")
    )
    check = contract(ignore_imports=["board.legacy -> records.models"]).check(
        graph, verbose=False
    )
    assert check.kept
