from dataclasses import dataclass, field, asdict, replace, KW_ONLY
import json


@dataclass
class RetryPolicy:
    attempts: int = 3
    backoff: float = 0.5

    def delays(self):
        return [round(self.backoff * 2**i, 3) for i in range(self.attempts)]


@dataclass
class JobConfig:
    name: str
    _: KW_ONLY
    schedule: str = "@daily"
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    env: dict[str, str] = field(default_factory=dict)
    enabled: bool = True


jobs = [
    JobConfig("export"),
    JobConfig("cleanup", schedule="@hourly", retry=RetryPolicy(5, 0.1)),
    JobConfig("report", env={"FORMAT": "csv"}, enabled=False),
]
for job in jobs:
    state = "on" if job.enabled else "off"
    print(f"{job.name:<8} {job.schedule:<8} {state:<3} delays={job.retry.delays()}")
print(jobs[1])
print(json.dumps(asdict(jobs[2])))
patched = replace(jobs[0], enabled=False, schedule="@weekly")
print(patched.schedule, patched.enabled, jobs[0].schedule, patched == jobs[0])
try:
    JobConfig("x", "@daily")
except TypeError as e:
    print("TypeError:", e)
enabled = [j.name for j in jobs if j.enabled]
print(f"{len(enabled)}/{len(jobs)} enabled: {enabled}")
