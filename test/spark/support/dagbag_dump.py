"""Loads DAG files through Airflow's own DagBag and prints, per file, its import errors and every task's operator,
upstream task ids and constructor arguments, as JSON on the last line of stdout. Usage: python dagbag_dump.py FILE..."""
import json
import sys
import warnings

warnings.filterwarnings("ignore")

try:
    from airflow.dag_processing.dagbag import DagBag
except ImportError:  # older layouts
    from airflow.models.dagbag import DagBag


def plain(value):
    """Constructor arguments as JSON-ready values: containers kept, everything else by its repr."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def dump(path):
    bag = DagBag(dag_folder=path, safe_mode=False)
    dags = {}
    for dag_id, dag in bag.dags.items():
        tasks = {}
        for task in dag.tasks:
            kwargs = dict(getattr(task, "_BaseOperator__init_kwargs", {}) or {})
            kwargs.pop("dag", None)
            kwargs.pop("task_group", None)
            tasks[task.task_id] = {
                "operator": f"{type(task).__module__}.{type(task).__name__}",
                "upstream": sorted(task.upstream_task_ids),
                "kwargs": plain(kwargs),
            }
        dags[dag_id] = tasks
    errors = {str(k): str(v).strip().splitlines()[-1] if str(v).strip() else "" for k, v in bag.import_errors.items()}
    return {"dags": dags, "import_errors": errors}


result = {path: dump(path) for path in sys.argv[1:]}
print(json.dumps(result, sort_keys=True))  # the last line of stdout: Airflow logs there too
