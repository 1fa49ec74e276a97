// How many threads native kernels use: OpenBLAS's pool and OpenMP loops share one count.
#pragma once

namespace paperlab {
void set_threads(int n);
int threads();
}  // namespace paperlab
