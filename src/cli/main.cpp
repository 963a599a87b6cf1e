#include "cli/app.h"

int main(int argc, char** argv) { return rolelint::cli::run(argc, argv); }
