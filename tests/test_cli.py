"""The command line as the README shows it: every command has help, is documented, and fails clearly."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from cyberkg import __version__
from cyberkg.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def test_version(runner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"cyberkg, version {__version__}"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_text(runner, name: str) -> None:
    command = cli.commands[name]
    assert command.help and len(command.help.strip()) > 20, name
    result = runner.invoke(cli, [name, "-h"])
    assert result.exit_code == 0, result.output
    assert f"Usage: cli {name}" in result.output or f"Usage: cyberkg {name}" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_appears_in_the_readme(name: str) -> None:
    assert re.search(rf"^\$ cyberkg {re.escape(name)}\b", README, re.MULTILINE), (
        f"README has no `$ cyberkg {name}` transcript")


@pytest.mark.parametrize("name", COMMANDS)
def test_commands_are_kebab_case(name: str) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name)


def test_an_unknown_option_is_a_usage_error(runner) -> None:
    result = runner.invoke(cli, ["build", "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option '--no-such-option'" in result.output


def test_the_readme_gives_exactly_two_setup_commands() -> None:
    setup = README.split("## Commands")[0]
    blocks = re.findall(r"```(?:bash|sh|console)?\n(.*?)```", setup, re.DOTALL)
    commands = [line for block in blocks for line in block.splitlines()
                if line.strip() and not line.startswith("#")]
    assert len(commands) == 2, commands
    assert "cyberkg build" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    setup = README.split("## Commands")[0]
    blocks = re.findall(r"```(?:bash|sh|console)?\n(.*?)```", setup, re.DOTALL)
    test_command = [line for block in blocks for line in block.splitlines()
                    if "pytest" in line][0].strip()
    assert test_command in ci.splitlines()


def test_click_group_is_the_console_script() -> None:
    assert isinstance(cli, click.Group)
