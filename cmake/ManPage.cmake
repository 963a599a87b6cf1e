# Script mode (cmake -P): writes the rolelint(1) man page from the built
# binary's own help, so that the page and the CLI never disagree.
#   cmake -DROLELINT=<binary> -DOUT=<rolelint.1.gz> -P ManPage.cmake
# Sections: NAME, SYNOPSIS, DESCRIPTION and EXIT STATUS from `rolelint --help`;
# one COMMANDS subsection per subcommand from `rolelint SUBCOMMAND --help`;
# FILES, SEE ALSO and the version line from `rolelint --version`.

function(run_help out)
  execute_process(COMMAND "${ROLELINT}" ${ARGN} OUTPUT_VARIABLE text RESULT_VARIABLE rc ERROR_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "ManPage.cmake: `rolelint ${ARGN}` exited ${rc}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# roff escaping: backslashes, and a leading '.' or '\'' that roff would take for a request.
function(roff_escape out text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

run_help(top --help)
run_help(version --version)
string(REGEX MATCH "^[^\n]*" summary "${top}")
string(REGEX REPLACE "^rolelint: " "" summary "${summary}")
string(REGEX MATCH "Exit codes:[^\n]*\n[^\n]*" exits "${top}")
string(REGEX REPLACE "\n" " " exits "${exits}")
string(REGEX MATCH "^rolelint [^ \n]+" versionLine "${version}")
roff_escape(summary "${summary}")
roff_escape(exits "${exits}")
roff_escape(version "${version}")

set(page ".TH ROLELINT 1 \"\" \"${versionLine}\" \"User Commands\"
.SH NAME
rolelint \\- ${summary}
.SH SYNOPSIS
.B rolelint
[\\fIOPTIONS\\fR] \\fISUBCOMMAND\\fR [\\fIARGS\\fR]
.br
.B rolelint
\\fIFILE\\fR... (the same as \\fBrolelint check\\fR \\fIFILE\\fR...)
.SH DESCRIPTION
rolelint reads AWS IAM roles written as JSON for the AWS CLI, CloudFormation (JSON, YAML, SAM, CDK output),
Terraform source and plans, and account authorization dumps; builds one model of each role; and reports
what is wrong with it, what it can really do (its identity policies within its permissions boundary,
minus explicit denies), and which privilege escalation and exposure paths it opens. It runs offline:
the IAM catalog of actions, resource types and condition keys is part of the binary.
.SH COMMANDS
")
foreach(cmd check effective simulate diff rules explain)
  run_help(help ${cmd} --help)
  roff_escape(help "${help}")
  string(APPEND page ".SS ${cmd}\n.nf\n${help}.fi\n")
endforeach()
string(APPEND page ".SH EXIT STATUS
${exits}
.SH FILES
.TP
.I .rolelint.json
Configuration, found in the working directory or a parent up to the top of the git work tree
(or given with \\fB\\-\\-config\\fR): rule selection, severities, suppressions, forbidden access, policies by ARN.
.TP
.I .gitignore
Inside a git work tree, directory walks skip what these files ignore (\\fB\\-\\-no\\-ignore\\fR walks it too).
.SH VERSION
.nf
${version}.fi
.SH SEE ALSO
\\fBrolelint explain\\fR \\fIRULE\\fR prints a rule's documentation; docs/ in the source tree
(README.md, docs/ci.md, docs/inputs.md, docs/configuration.md, docs/rules/).
")
file(WRITE "${OUT}.tmp" "${page}")
# Debian installs man pages compressed (Debian Policy 12.1).
file(ARCHIVE_CREATE OUTPUT "${OUT}" PATHS "${OUT}.tmp" FORMAT raw COMPRESSION GZip)
file(REMOVE "${OUT}.tmp")
