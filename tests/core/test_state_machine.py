from enum import Enum

import pytest

from gongkai.core import application_states, oversight
from gongkai.core.catalog import workflow
from gongkai.core.state_machine import InvalidTransition, StateMachine


class Light(str, Enum):
    OFF = "off"
    ON = "on"


class Press(str, Enum):
    ON = "on"
    OFF = "off"


MACHINE = StateMachine(
    Light,
    Press,
    {(Light.OFF, Press.ON): Light.ON, (Light.ON, Press.OFF): Light.OFF},
    refusal=lambda s, e: f"灯处于{s.value}，不能{e.value}",
)


def test_lookup_accepts_values_and_refuses_with_the_machine_message():
    assert MACHINE.next("off", "on") is Light.ON
    assert MACHINE.allowed(Light.ON) == [Press.OFF]
    with pytest.raises(InvalidTransition, match="灯处于on，不能on") as info:
        MACHINE.next(Light.ON, Press.ON)
    assert (info.value.state, info.value.event) == (Light.ON, Press.ON)


def test_the_three_workflows_share_one_refusal_type():
    assert workflow.InvalidTransition is application_states.InvalidTransition is oversight.InvalidTransition
    with pytest.raises(InvalidTransition, match="已发布"):
        workflow.next_state(workflow.VersionState.PUBLISHED, workflow.Event.APPROVE)
