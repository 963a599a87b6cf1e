#include <iostream>

#include "cli/app.h"
#include "cli/output_file.h"

int main(int argc, char** argv) {
  const int rc = rolelint::cli::run(argc, argv);
  // A report lost to a full disk or a closed pipe is a failure, not success.
  if (auto flushed = rolelint::cli::flushStdout(); !flushed) {
    std::cerr << "rolelint: " << flushed.error().message << "\n";
    return 2;
  }
  return rc;
}
