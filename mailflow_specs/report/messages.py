"""Cucumber Messages (NDJSON) from a behave run: ``mailflow run --messages FILE``.

behave has no messages formatter, so this one writes the envelopes other Cucumber tools
read, built from the ``cucumber-messages`` package's own models and written by its
converter (camelCase JSON, one envelope a line): ``meta``, then per feature file
``source`` and ``gherkinDocument``, then ``testRunStarted``; per scenario that runs (an
outline row is one) its ``pickle``, the ``stepDefinition`` of each step not seen yet,
``testCase``, ``testCaseStarted``, one ``testStepFinished`` per step and
``testCaseFinished``; last ``testRunFinished``. Scenarios the run's tags or names do not
select are left out; a scenario the profile skips is there, its steps ``SKIPPED``.

AST node ids are the node's kind, file and line (``step:features/a.feature:12``), so the
same scenario has the same ids in every run and shard; test case ids are random.
``merge_streams`` joins the files of several shards into one stream.
"""

from __future__ import annotations

import json
import os
import platform
import time
import uuid
from importlib import metadata
from pathlib import Path

import cucumber_messages as cm
from behave.formatter.base import Formatter
from behave.model_core import Status

KEYWORD_TYPES = {"given": cm.StepKeywordType.context, "when": cm.StepKeywordType.action,
                 "then": cm.StepKeywordType.outcome, "and": cm.StepKeywordType.conjunction,
                 "but": cm.StepKeywordType.conjunction}
STEP_TYPES = {"given": cm.PickleStepType.context, "when": cm.PickleStepType.action,
              "then": cm.PickleStepType.outcome}
STATUSES = {Status.passed: cm.TestStepResultStatus.passed, Status.failed: cm.TestStepResultStatus.failed,
            Status.error: cm.TestStepResultStatus.failed, Status.skipped: cm.TestStepResultStatus.skipped,
            Status.untested: cm.TestStepResultStatus.skipped, Status.undefined: cm.TestStepResultStatus.undefined,
            Status.pending: cm.TestStepResultStatus.pending}


def timestamp() -> cm.Timestamp:
    now = time.time_ns()
    return cm.Timestamp(seconds=now // 1_000_000_000, nanos=now % 1_000_000_000)


def duration(seconds: float) -> cm.Duration:
    nanos = max(0, round(seconds * 1e9))
    return cm.Duration(seconds=nanos // 1_000_000_000, nanos=nanos % 1_000_000_000)


def node_id(kind: str, location) -> str:
    return f"{kind}:{uri_of(location.filename)}:{location.line}"


def uri_of(filename: str) -> str:
    return Path(os.path.relpath(filename)).as_posix()


def _text(lines) -> str:
    return "\n".join(lines or [])


class GherkinDocuments:
    """A feature of behave's model as the Gherkin AST the messages describe."""

    def document(self, feature) -> cm.GherkinDocument:
        children = [self.child(item) for item in feature.run_items]
        if feature.background:
            children.insert(0, cm.FeatureChild(background=self.background(feature.background)))
        return cm.GherkinDocument(comments=[], uri=uri_of(feature.filename), feature=cm.Feature(
            children=children, description=_text(feature.description), keyword=feature.keyword,
            language=feature.language or "en", location=cm.Location(line=feature.line), name=feature.name,
            tags=self.tags(feature)))

    def child(self, item) -> cm.FeatureChild:
        if type(item).__name__ == "Rule":
            rule_children = [cm.RuleChild(scenario=self.scenario(s)) for s in item.scenarios]
            if item.background:
                rule_children.insert(0, cm.RuleChild(background=self.background(item.background)))
            return cm.FeatureChild(rule=cm.Rule(
                children=rule_children, description=_text(item.description), id=node_id("rule", item.location),
                keyword=item.keyword, location=cm.Location(line=item.line), name=item.name, tags=self.tags(item)))
        return cm.FeatureChild(scenario=self.scenario(item))

    def background(self, background) -> cm.Background:
        return cm.Background(description="", id=node_id("background", background.location),
                             keyword=background.keyword, location=cm.Location(line=background.line),
                             name=background.name or "", steps=[self.step(s) for s in background.steps])

    def scenario(self, scenario) -> cm.Scenario:
        return cm.Scenario(
            description=_text(scenario.description), examples=[self.examples(e) for e in getattr(scenario, "examples", [])],
            id=node_id("scenario", scenario.location), keyword=scenario.keyword,
            location=cm.Location(line=scenario.line), name=scenario.name, steps=[self.step(s) for s in scenario.steps],
            tags=self.tags(scenario))

    def examples(self, examples) -> cm.Examples:
        table = examples.table
        header = self.row(table.headings, table.line, examples.location.filename, "header")
        body = [self.row(row.cells, row.line, examples.location.filename, "row") for row in table.rows]
        return cm.Examples(description="", id=node_id("examples", examples.location), keyword=examples.keyword,
                           location=cm.Location(line=examples.line), name=examples.name or "",
                           table_body=body, tags=self.tags(examples), table_header=header)

    def row(self, cells, line: int, filename: str, kind: str) -> cm.TableRow:
        return cm.TableRow(cells=[cm.TableCell(location=cm.Location(line=line), value=str(c)) for c in cells],
                           id=f"{kind}:{uri_of(filename)}:{line}", location=cm.Location(line=line))

    def step(self, step) -> cm.Step:
        table = None
        if step.table:
            rows = [self.row(step.table.headings, step.table.line, step.location.filename, "row")]
            rows += [self.row(r.cells, r.line, step.location.filename, "row") for r in step.table.rows]
            table = cm.DataTable(location=cm.Location(line=step.table.line), rows=rows)
        doc = cm.DocString(content=step.text, delimiter='"""', location=cm.Location(line=step.line + 1)) \
            if step.text else None
        return cm.Step(id=node_id("step", step.location), keyword=step.keyword + " ", location=cm.Location(line=step.line),
                       text=step.name, data_table=table, doc_string=doc,
                       keyword_type=KEYWORD_TYPES.get(step.keyword.strip().lower(), cm.StepKeywordType.unknown))

    def __init__(self) -> None:
        self.tag_ids: dict[tuple[str, str], str] = {}  # (uri, "@name") -> the id of the tag where it is written

    def tags(self, node) -> list[cm.Tag]:
        uri = uri_of(node.location.filename)
        tags = [cm.Tag(id=f"tag:{uri}:{tag.line}:{tag}", location=cm.Location(line=tag.line), name=f"@{tag}")
                for tag in node.tags]
        for tag in tags:
            self.tag_ids.setdefault((uri, tag.name), tag.id)
        return tags


class MessagesFormatter(Formatter):
    name = "mailflow-messages"
    description = "Cucumber Messages, one JSON envelope a line (NDJSON)"

    def __init__(self, stream_opener, config) -> None:
        super().__init__(stream_opener, config)
        self.stream = self.open()
        self.documents = GherkinDocuments()
        self.definitions: dict[str, str] = {}  # step definition location -> id
        self.current: dict | None = None
        self.success = True
        self.started = False
        self.emit(meta=meta())

    def emit(self, **message) -> None:
        envelope = cm.Envelope(**message)
        self.stream.write(json.dumps(cm.message_converter.to_dict(envelope), ensure_ascii=False) + "\n")

    def feature(self, feature) -> None:
        self._finish_current()
        with open(feature.filename, encoding="utf-8") as source:
            data = source.read()
        self.emit(source=cm.Source(data=data, media_type=cm.SourceMediaType.text_x_cucumber_gherkin_plain,
                                   uri=uri_of(feature.filename)))
        self.emit(gherkin_document=self.documents.document(feature))
        if not self.started:
            self.started = True
            self.emit(test_run_started=cm.TestRunStarted(timestamp=timestamp()))

    def scenario(self, scenario) -> None:
        self._finish_current()
        if not (scenario.should_run_with_tags(self.config.tag_expression)
                and scenario.should_run_with_name_select(self.config)):
            return
        steps = list(scenario.all_steps)
        pickle = self.pickle(scenario, steps)
        self.emit(pickle=pickle)
        test_steps = [self.test_step(step, pickle_step.id) for step, pickle_step in zip(steps, pickle.steps, strict=True)]
        case = cm.TestCase(id=str(uuid.uuid4()), pickle_id=pickle.id, test_steps=test_steps)
        self.emit(test_case=case)
        started = cm.TestCaseStarted(attempt=0, id=str(uuid.uuid4()), test_case_id=case.id, timestamp=timestamp())
        self.emit(test_case_started=started)
        self.current = {"started": started.id, "steps": list(zip(steps, test_steps, strict=True)), "done": set()}

    def pickle(self, scenario, steps) -> cm.Pickle:
        row = getattr(scenario, "_row", None)
        uri = uri_of(scenario.location.filename)
        row_ids = [f"row:{uri}:{row.line}"] if row is not None else []
        template = scenario.parent if row is not None else scenario  # an outline row's parent is the outline
        pickle_steps, last_type = [], None
        for step in steps:
            last_type = STEP_TYPES.get(step.step_type, last_type)
            pickle_steps.append(cm.PickleStep(ast_node_ids=[node_id("step", step.location), *row_ids],
                                              id=str(uuid.uuid4()), text=step.name, type=last_type,
                                              argument=self.argument(step)))
        written = ((f"@{t}", self.documents.tag_ids.get((uri, f"@{t}"))) for t in scenario.effective_tags)
        tags = [cm.PickleTag(ast_node_id=tag_id, name=name) for name, tag_id in written if tag_id]
        return cm.Pickle(ast_node_ids=[node_id("scenario", template.location), *row_ids], id=str(uuid.uuid4()),
                         language=scenario.feature.language or "en", name=scenario.name, steps=pickle_steps,
                         tags=sorted(tags, key=lambda t: t.name), uri=uri,
                         location=cm.Location(line=scenario.line))

    def argument(self, step) -> cm.PickleStepArgument | None:
        if step.table:
            rows = [step.table.headings, *(r.cells for r in step.table.rows)]
            return cm.PickleStepArgument(data_table=cm.PickleTable(
                rows=[cm.PickleTableRow(cells=[cm.PickleTableCell(value=str(c)) for c in row]) for row in rows]))
        if step.text:
            return cm.PickleStepArgument(doc_string=cm.PickleDocString(content=step.text))
        return None

    def test_step(self, step, pickle_step_id: str) -> cm.TestStep:
        # The runner's registry, which the step modules' decorators fill; behave's main resets
        # behave.step_registry.registry to an empty one before a run.
        from behave.runner import the_step_registry

        definition = the_step_registry.find_step_definition(step)
        if definition is None:
            return cm.TestStep(id=str(uuid.uuid4()), pickle_step_id=pickle_step_id, step_definition_ids=[],
                               step_match_arguments_lists=[])
        key = f"{uri_of(definition.location.filename)}:{definition.location.line}"
        if key not in self.definitions:
            self.definitions[key] = f"stepdef:{key}"  # the same in every shard
            self.emit(step_definition=cm.StepDefinition(
                id=self.definitions[key],
                pattern=cm.StepDefinitionPattern(source=str(definition.pattern), type=pattern_type(definition)),
                source_reference=cm.SourceReference(uri=uri_of(definition.location.filename),
                                                    location=cm.Location(line=definition.location.line))))
        return cm.TestStep(id=str(uuid.uuid4()), pickle_step_id=pickle_step_id,
                           step_definition_ids=[self.definitions[key]], step_match_arguments_lists=[])

    def result(self, step) -> None:
        if self.current is None:
            return
        for behave_step, test_step in self.current["steps"]:
            if behave_step is step and test_step.id not in self.current["done"]:
                self._step_finished(behave_step, test_step)
                return

    def _step_finished(self, step, test_step: cm.TestStep) -> None:
        status = STATUSES.get(step.status, cm.TestStepResultStatus.unknown)
        if status in (cm.TestStepResultStatus.failed, cm.TestStepResultStatus.undefined,
                      cm.TestStepResultStatus.pending):
            self.success = False
        message = step.error_message.strip() if step.error_message else None
        self.emit(test_step_finished=cm.TestStepFinished(
            test_case_started_id=self.current["started"], test_step_id=test_step.id, timestamp=timestamp(),
            test_step_result=cm.TestStepResult(duration=duration(step.duration or 0.0), status=status,
                                               message=message)))
        self.current["done"].add(test_step.id)

    def _finish_current(self) -> None:
        if self.current is None:
            return
        for step, test_step in self.current["steps"]:  # steps a skip or a failure left unrun
            if test_step.id not in self.current["done"]:
                self._step_finished(step, test_step)
        self.emit(test_case_finished=cm.TestCaseFinished(test_case_started_id=self.current["started"],
                                                         timestamp=timestamp(), will_be_retried=False))
        self.current = None

    def eof(self) -> None:
        self._finish_current()

    def close(self) -> None:
        self._finish_current()
        if not self.started:
            self.emit(test_run_started=cm.TestRunStarted(timestamp=timestamp()))
        self.emit(test_run_finished=cm.TestRunFinished(success=self.success, timestamp=timestamp()))
        self.close_stream()


def pattern_type(definition) -> cm.StepDefinitionPatternType:
    """A regular-expression matcher's patterns are regular expressions; the protocol has no
    type for behave's parse patterns ("{who:Shopper} has …"), nearest to Cucumber expressions."""
    if "regex" in type(definition).__name__.lower():
        return cm.StepDefinitionPatternType.regular_expression
    return cm.StepDefinitionPatternType.cucumber_expression


def meta() -> cm.Meta:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "unknown"

    return cm.Meta(protocol_version=version("cucumber-messages"),
                   implementation=cm.Product(name="mailflow (behave)", version=version("mailflow-specs")),
                   runtime=cm.Product(name=platform.python_implementation(), version=platform.python_version()),
                   os=cm.Product(name=platform.system(), version=platform.release()),
                   cpu=cm.Product(name=platform.machine()))


SHARED = ("source", "gherkinDocument", "pickle", "stepDefinition")


def merge_streams(files: list[Path], target: Path) -> None:
    """One stream from several shards': one meta, each source, document, pickle and step
    definition once, every test case, one run from the first start to the last finish."""
    seen: set[str] = set()
    first_start, finished, body = None, [], []
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            envelope = json.loads(line)
            kind = next(iter(envelope))
            value = envelope[kind]
            if (kind == "meta" and "meta" in seen) or (kind in SHARED and f"{kind}:{_key(value)}" in seen):
                continue
            seen.add("meta" if kind == "meta" else f"{kind}:{_key(value)}")
            if kind == "testRunStarted":
                first_start = min(first_start or value, value, key=_seconds)
            elif kind == "testRunFinished":
                finished.append(value)
            else:
                body.append(envelope)
    last = max(finished, key=_seconds) if finished else {"timestamp": {"seconds": 0, "nanos": 0}}
    run_end = {**last, "success": all(f.get("success") for f in finished)}
    head = [e for e in body if "meta" in e] + [e for e in body if "source" in e or "gherkinDocument" in e]
    rest = [e for e in body if e not in head]  # the documents first, then the run, as one stream tells it
    lines = [*head, *([{"testRunStarted": first_start}] if first_start else []), *rest, {"testRunFinished": run_end}]
    target.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines), encoding="utf-8")


def _key(value: dict) -> str:
    return value.get("id") or value.get("uri") or json.dumps(value, sort_keys=True)


def _seconds(value: dict) -> tuple[int, int]:
    stamp = value.get("timestamp", {})
    return stamp.get("seconds", 0), stamp.get("nanos", 0)
