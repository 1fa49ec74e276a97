#include "threads.h"

#include <omp.h>

extern "C" {
void openblas_set_num_threads(int);
int openblas_get_num_threads(void);
}

namespace paperlab {

static int g_threads = 1;

void set_threads(int n) {
  if (n < 1) n = 1;
  g_threads = n;
  openblas_set_num_threads(n);
  omp_set_num_threads(n);
}

int threads() { return g_threads; }

}  // namespace paperlab
