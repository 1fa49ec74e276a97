# paperlab's native compute addon, built by src/cli/setup/native.ts (node-gyp, node-addon-api)
# against Debian's OpenBLAS (pthread), LAPACKE and oneDNN. One file a part; addon.cc joins them.
{
  "targets": [{
    "target_name": "paperlab_native",
    "sources": ["addon.cc", "threads.cc", "gemm.cc", "optim.cc", "linalg.cc", "conv.cc", "pool.cc", "reduce.cc"],
    "include_dirs": [
      "<!(node -p \"require('node-addon-api').include_dir\")",
      "/usr/include/x86_64-linux-gnu/openblas-pthread",
    ],
    "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions"],
    # -O3 and the build machine's own ISA: the addon is always built on the machine that runs it.
    # No contraction into fused multiply-adds: elementwise kernels round like TF.js's own ops.
    "cflags_cc": ["-std=c++17", "-O3", "-march=native", "-ffp-contract=off", "-fopenmp", "-fexceptions"],
    "libraries": ["-lopenblas", "-llapacke", "-ldnnl", "-fopenmp"],
  }],
}
