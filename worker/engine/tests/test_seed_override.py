"""--seed: an extra-seed run trains with another seed while its spec, and so its hash, stay the entry's."""

from .conftest import tiny_spec, without_seconds
from .test_training import run_cli


def test_seed_overrides_the_specs_seed_but_not_its_hash():
    args = ("--budgets", "1", "--train-limit", "64")
    _, own = run_cli(tiny_spec(seed=42), *args)
    code, overridden = run_cli(tiny_spec(seed=42), *args, "--seed", "43")
    _, twin = run_cli(tiny_spec(seed=43), *args)
    assert code == 0
    assert (overridden[0]["seed"], overridden[0]["specHash"]) == (43, own[0]["specHash"])
    # Everything after the start line is what the seed 43 spec itself gives.
    assert without_seconds(overridden)[1:] == without_seconds(twin)[1:]
    assert without_seconds(overridden)[1:] != without_seconds(own)[1:]


def test_a_seed_out_of_range_is_an_invalid_spec():
    for seed in ("-1", str(2**31)):
        code, messages = run_cli(tiny_spec(), "--seed", seed)
        assert code == 2
        assert messages == [{"type": "error", "kind": "invalid_spec", "message": f"--seed must be from 0 to {2**31 - 1}, not {seed}"}]
