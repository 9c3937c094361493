// main.cpp: the sealsim program. Subcommands are added as components land.
#include <iostream>

int main(int argc, char** argv) {
  (void)argc;
  (void)argv;
  std::cout << "sealsim: subcommands coming\n";
  return 0;
}
