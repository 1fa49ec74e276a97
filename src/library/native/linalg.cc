// float64 linear algebra for src/library/models (least squares, ridge, kernel ridge, QR, SVD, RBF
// kernels, products) through LAPACKE and cblas on Float64Array views. JavaScript's matrices are
// row-major; LAPACK's are column-major: inputs are copied into column-major work arrays (LAPACK
// destroys them anyway, and the copy is O(size) against the O(size^1.5) factorisation).
#include "linalg.h"

#include <cblas.h>
#include <lapacke.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "views.h"

namespace paperlab {

namespace {

// Below this many values a parallel loop costs more than it saves.
constexpr long kParallelMin = 1L << 15;

// Ridge takes the Cholesky of the Gram matrix only when LAPACK's estimate of its reciprocal
// condition number is at least this: its forward error grows like cond(G) eps = cond(X)^2 eps, so
// 1e-6 keeps it near 1e-10; below, the stacked QR (error ~ cond(X) eps) runs instead.
constexpr double kRidgeCholeskyMinRcond = 1e-6;

double doubleArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (i >= info.Length() || !info[i].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), std::string("paperlab native: argument '") + name + "' must be a number");
  }
  return info[i].As<Napi::Number>().DoubleValue();
}

long dimArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  const long v = intArg(info, i, name);
  if (v < 1) throw Napi::RangeError::New(info.Env(), std::string("paperlab native: '") + name + "' must be >= 1, got " + std::to_string(v));
  return v;
}

void check(Napi::Env env, lapack_int status, const char* routine) {
  if (status < 0) throw Napi::Error::New(env, std::string("paperlab native: ") + routine + " rejected argument " + std::to_string(-status));
  if (status > 0) throw Napi::Error::New(env, std::string("paperlab native: ") + routine + " did not converge (info " + std::to_string(status) + ")");
}

// dst[j * ld + i] = src[i * cols + j]: row-major rows x cols into column-major with leading dimension ld.
void toColMajor(const double* src, long rows, long cols, double* dst, long ld) {
  constexpr long B = 32;  // blocks keep both sides in cache
#pragma omp parallel for schedule(static) if (rows * cols >= kParallelMin)
  for (long jb = 0; jb < cols; jb += B)
    for (long ib = 0; ib < rows; ib += B)
      for (long j = jb; j < std::min(jb + B, cols); j++)
        for (long i = ib; i < std::min(ib + B, rows); i++) dst[j * ld + i] = src[i * cols + j];
}

// dst[i * cols + j] = src[j * ld + i]: the first `rows` rows of a column-major array, row-major.
void toRowMajor(const double* src, long rows, long cols, long ld, double* dst) {
  constexpr long B = 32;
#pragma omp parallel for schedule(static) if (rows * cols >= kParallelMin)
  for (long ib = 0; ib < rows; ib += B)
    for (long jb = 0; jb < cols; jb += B)
      for (long i = ib; i < std::min(ib + B, rows); i++)
        for (long j = jb; j < std::min(jb + B, cols); j++) dst[i * cols + j] = src[j * ld + i];
}

// Least-norm least squares by dgelsd (SVD, divide and conquer), the routine numpy.linalg.lstsq
// calls: a is n x d, b n x k, out d x k (row-major). Returns the numerical rank.
long lstsq(Napi::Env env, const double* a, const double* b, double* out, long n, long d, long k, double rcond) {
  const long ldb = std::max(n, d);
  std::vector<double> A(n * d), B(ldb * k), s(std::min(n, d));
  toColMajor(a, n, d, A.data(), n);
  toColMajor(b, n, k, B.data(), ldb);
  lapack_int rank = 0;
  check(env, LAPACKE_dgelsd(LAPACK_COL_MAJOR, n, d, k, A.data(), n, B.data(), ldb, s.data(), rcond, &rank), "dgelsd");
  toRowMajor(B.data(), d, k, ldb, out);
  return rank;
}

// Cholesky solve of the symmetric positive definite p x p G (row-major; its lower triangle is
// read, as ml-matrix's Cholesky reads it) for the p x k row-major b; G is overwritten by its
// factor. False when G is not numerically positive definite; *rcond gets dpocon's estimate.
bool choleskySolve(Napi::Env env, double* G, long p, const double* b, double* out, long k, double* rcond) {
  // Row-major lower = column-major upper.
  const double anorm = LAPACKE_dlansy(LAPACK_COL_MAJOR, '1', 'U', p, G, p);
  const lapack_int status = LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'U', p, G, p);
  if (status > 0) return false;
  check(env, status, "dpotrf");
  if (rcond) check(env, LAPACKE_dpocon(LAPACK_COL_MAJOR, 'U', p, G, p, anorm, rcond), "dpocon");
  std::vector<double> B(p * k);
  toColMajor(b, p, k, B.data(), p);
  check(env, LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'U', p, k, G, p, B.data(), p), "dpotrs");
  toRowMajor(B.data(), p, k, p, out);
  return true;
}

// Ridge by QR of a stacked system that is full rank for every lambda > 0 (dgels):
// n >= d: min ||[X; sqrt(l) I_d] w - [y; 0]||; n < d: w = the first d entries of the least-norm
// solution of [X, sqrt(l) I_n] [w; u] = y, i.e. X^T (X X^T + l I)^-1 y.
void ridgeStacked(Napi::Env env, const double* x, const double* y, double* out, long n, long d, long k, double lambda) {
  const double root = std::sqrt(lambda);
  const bool tall = n >= d;
  const long rows = tall ? n + d : n, cols = tall ? d : d + n, ldb = std::max(rows, cols);
  std::vector<double> S(rows * cols, 0.0), B(ldb * k, 0.0);
  toColMajor(x, n, d, S.data(), rows);
  for (long j = 0; j < (tall ? d : n); j++) S[tall ? j * rows + n + j : (d + j) * rows + j] = root;
  toColMajor(y, n, k, B.data(), ldb);
  check(env, LAPACKE_dgels(LAPACK_COL_MAJOR, 'N', rows, cols, k, S.data(), rows, B.data(), ldb), "dgels");
  toRowMajor(B.data(), d, k, ldb, out);
}

// Fixes the sign of each of the p columns of the row-major rows x p `a` (and of the matching
// row of the p x cols row-major `b`) so that `pick(i)` is >= 0: factorisations are unique then.
template <typename Pick>
void fixSigns(double* a, long rows, long p, double* b, long cols, Pick pick) {
  for (long i = 0; i < p; i++) {
    if (!(pick(i) < 0)) continue;
    for (long r = 0; r < rows; r++) a[r * p + i] = -a[r * p + i];
    for (long c = 0; c < cols; c++) b[i * cols + c] = -b[i * cols + c];
  }
}

}  // namespace

// lstsq(a, b, out, n, d, k, rcond) -> rank: out (d x k) = the least-norm minimiser of
// ||a out - b||, singular values <= rcond * s_max counting as zero (numpy.linalg.lstsq's rule).
static Napi::Value Lstsq(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DoubleView a = doubleView(info, 0, "a"), b = doubleView(info, 1, "b"), out = doubleView(info, 2, "out");
  const long n = dimArg(info, 3, "n"), d = dimArg(info, 4, "d"), k = dimArg(info, 5, "k");
  const double rcond = doubleArg(info, 6, "rcond");
  requireSize(env, a, n * d, "a");
  requireSize(env, b, n * k, "b");
  requireSize(env, out, d * k, "out");
  return Napi::Number::New(env, static_cast<double>(lstsq(env, a.data, b.data, out.data, n, d, k, rcond)));
}

// ridge(x, y, out, n, d, k, lambda) -> 'cholesky' | 'qr': out (d x k) minimises
// ||x out - y||^2 + lambda ||out||^2 (lambda > 0). Cholesky of the smaller Gram matrix (X^T X + l I
// when n >= d, else X X^T + l I, as sklearn's Ridge solver 'cholesky') when it is well
// conditioned, else the stacked QR.
static Napi::Value Ridge(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DoubleView x = doubleView(info, 0, "x"), y = doubleView(info, 1, "y"), out = doubleView(info, 2, "out");
  const long n = dimArg(info, 3, "n"), d = dimArg(info, 4, "d"), k = dimArg(info, 5, "k");
  const double lambda = doubleArg(info, 6, "lambda");
  requireSize(env, x, n * d, "x");
  requireSize(env, y, n * k, "y");
  requireSize(env, out, d * k, "out");
  if (!(lambda > 0) || !std::isfinite(lambda)) throw Napi::RangeError::New(env, "paperlab native: 'lambda' must be a finite number > 0");
  const bool tall = n >= d;
  const long p = tall ? d : n;
  std::vector<double> G(p * p), rhs(p * k), sol(p * k);
  // Row-major lower triangle (choleskySolve reads it): X^T X or X X^T.
  cblas_dsyrk(CblasRowMajor, CblasLower, tall ? CblasTrans : CblasNoTrans, p, tall ? n : d, 1.0, x.data, d, 0.0, G.data(), p);
  for (long i = 0; i < p; i++) G[i * p + i] += lambda;
  if (tall) cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, k, n, 1.0, x.data, d, y.data, k, 0.0, rhs.data(), k);
  else std::copy(y.data, y.data + n * k, rhs.begin());
  double rcond = 0;
  if (choleskySolve(env, G.data(), p, rhs.data(), sol.data(), k, &rcond) && rcond >= kRidgeCholeskyMinRcond) {
    if (tall) std::copy(sol.begin(), sol.end(), out.data);
    else cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, k, n, 1.0, x.data, d, sol.data(), k, 0.0, out.data, k);
    return Napi::String::New(env, "cholesky");
  }
  ridgeStacked(env, x.data, y.data, out.data, n, d, k, lambda);
  return Napi::String::New(env, "qr");
}

// kernelSolve(kmat, y, out, n, k, ridge) -> 'cholesky' | 'lstsq': out (n x k) solves
// (K + ridge I) out = y for the n x n kernel matrix K: Cholesky when ridge > 0 and K + ridge I is
// numerically positive definite (as sklearn KernelRidge), else its least-norm solution (dgelsd).
static Napi::Value KernelSolve(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DoubleView K = doubleView(info, 0, "kernel"), y = doubleView(info, 1, "y"), out = doubleView(info, 2, "out");
  const long n = dimArg(info, 3, "n"), k = dimArg(info, 4, "k");
  const double ridge = doubleArg(info, 5, "ridge");
  requireSize(env, K, n * n, "kernel");
  requireSize(env, y, n * k, "y");
  requireSize(env, out, n * k, "out");
  std::vector<double> G(K.data, K.data + n * n);
  for (long i = 0; i < n; i++) G[i * n + i] += ridge;
  if (ridge > 0 && choleskySolve(env, G.data(), n, y.data, out.data, k, nullptr)) return Napi::String::New(env, "cholesky");
  if (ridge > 0) {  // dpotrf overwrote part of G
    std::copy(K.data, K.data + n * n, G.begin());
    for (long i = 0; i < n; i++) G[i * n + i] += ridge;
  }
  lstsq(env, G.data(), y.data, out.data, n, n, k, 2.220446049250313e-16 * n);
  return Napi::String::New(env, "lstsq");
}

// qr(a, q, r, m, n): the thin QR a = q r of the row-major m x n a (dgeqrf, dorgqr, as numpy.linalg.qr):
// q m x p with orthonormal columns, r p x n upper triangular, p = min(m, n), signs fixed so that
// r's diagonal is >= 0.
static Napi::Value Qr(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DoubleView a = doubleView(info, 0, "a"), q = doubleView(info, 1, "q"), r = doubleView(info, 2, "r");
  const long m = dimArg(info, 3, "m"), n = dimArg(info, 4, "n"), p = std::min(m, n);
  requireSize(env, a, m * n, "a");
  requireSize(env, q, m * p, "q");
  requireSize(env, r, p * n, "r");
  std::vector<double> A(m * n), tau(p);
  toColMajor(a.data, m, n, A.data(), m);
  check(env, LAPACKE_dgeqrf(LAPACK_COL_MAJOR, m, n, A.data(), m, tau.data()), "dgeqrf");
  for (long i = 0; i < p; i++)
    for (long j = 0; j < n; j++) r.data[i * n + j] = j >= i ? A[j * m + i] : 0.0;
  check(env, LAPACKE_dorgqr(LAPACK_COL_MAJOR, m, p, p, A.data(), m, tau.data()), "dorgqr");
  toRowMajor(A.data(), m, p, m, q.data);
  fixSigns(q.data, m, p, r.data, n, [&](long i) { return r.data[i * n + i]; });
  return env.Undefined();
}

// svd(a, u, s, vt, m, n): the thin SVD a = u diag(s) vt of the row-major m x n a (dgesdd, as
// numpy.linalg.svd(full_matrices=False)): s descending, p = min(m, n) values; signs fixed so that
// the largest-magnitude entry of each column of u is > 0.
static Napi::Value Svd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DoubleView a = doubleView(info, 0, "a"), u = doubleView(info, 1, "u"), s = doubleView(info, 2, "s"), vt = doubleView(info, 3, "vt");
  const long m = dimArg(info, 4, "m"), n = dimArg(info, 5, "n"), p = std::min(m, n);
  requireSize(env, a, m * n, "a");
  requireSize(env, u, m * p, "u");
  requireSize(env, s, p, "s");
  requireSize(env, vt, p * n, "vt");
  std::vector<double> A(m * n), U(m * p), VT(p * n);
  toColMajor(a.data, m, n, A.data(), m);
  check(env, LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'S', m, n, A.data(), m, s.data, U.data(), m, VT.data(), p), "dgesdd");
  toRowMajor(U.data(), m, p, m, u.data);
  toRowMajor(VT.data(), p, n, p, vt.data);
  fixSigns(u.data, m, p, vt.data, n, [&](long i) {
    long best = 0;
    for (long row = 1; row < m; row++) if (std::fabs(u.data[row * p + i]) > std::fabs(u.data[best * p + i])) best = row;
    return u.data[best * p + i];
  });
  return env.Undefined();
}

// rbfKernel(a, b, out, m, p, d, gamma): out[i][j] = exp(-gamma ||a_i - b_j||^2) for the rows of
// a (m x d) and b (p x d), with ||a||^2 + ||b||^2 - 2 a.b (one dgemm, or dsyrk when a and b are the
// same view) clamped at 0, summed in scikit-learn's order; the diagonal of k(a, a) is exactly 1.
static Napi::Value RbfKernel(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DoubleView a = doubleView(info, 0, "a"), b = doubleView(info, 1, "b"), out = doubleView(info, 2, "out");
  const long m = dimArg(info, 3, "m"), p = dimArg(info, 4, "p"), d = dimArg(info, 5, "d");
  const double gamma = doubleArg(info, 6, "gamma");
  requireSize(env, a, m * d, "a");
  requireSize(env, b, p * d, "b");
  requireSize(env, out, m * p, "out");
  const bool same = a.data == b.data && m == p;
  std::vector<double> aa(m), bb(p);
  auto norms = [d](const double* x, long rows, double* sq) {
#pragma omp parallel for schedule(static) if (rows * d >= kParallelMin)
    for (long i = 0; i < rows; i++) {
      double t = 0;
      for (long c = 0; c < d; c++) t += x[i * d + c] * x[i * d + c];
      sq[i] = t;
    }
  };
  norms(a.data, m, aa.data());
  if (same) bb = aa; else norms(b.data, p, bb.data());
  double* o = out.data;
  if (same) {
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, m, d, -2.0, a.data, d, 0.0, o, m);
#pragma omp parallel for schedule(dynamic, 16) if (m * m >= kParallelMin)
    for (long i = 1; i < m; i++)
      for (long j = 0; j < i; j++) o[i * m + j] = o[j * m + i];
  } else {
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, p, d, -2.0, a.data, d, b.data, d, 0.0, o, p);
  }
#pragma omp parallel for schedule(static) if (m * p >= kParallelMin)
  for (long i = 0; i < m; i++) {
    for (long j = 0; j < p; j++) {
      const double d2 = (same && i == j) ? 0.0 : std::max((o[i * p + j] + aa[i]) + bb[j], 0.0);
      o[i * p + j] = std::exp(d2 * -gamma);
    }
  }
  return env.Undefined();
}

// matmulF64(a, b, out, m, n, k, transposeA, transposeB): out (m x n) = op(a) op(b), row-major.
static Napi::Value MatmulF64(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DoubleView a = doubleView(info, 0, "a"), b = doubleView(info, 1, "b"), out = doubleView(info, 2, "out");
  const long m = dimArg(info, 3, "m"), n = dimArg(info, 4, "n"), k = dimArg(info, 5, "k");
  const bool ta = info[6].ToBoolean(), tb = info[7].ToBoolean();
  requireSize(env, a, m * k, "a");
  requireSize(env, b, k * n, "b");
  requireSize(env, out, m * n, "out");
  cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, 1.0,
              a.data, ta ? m : k, b.data, tb ? k : n, 0.0, out.data, n);
  return env.Undefined();
}

// featureMap(x, w, offset, out, n, d, nFeatures, scale, kind): out = scale * f(x w + offset) for
// x n x d, w d x nFeatures, offset nFeatures values; kind 0: f = cos (random Fourier features),
// 1: f = max(0, .) (random ReLU features).
static Napi::Value FeatureMap(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DoubleView x = doubleView(info, 0, "x"), w = doubleView(info, 1, "w"), offset = doubleView(info, 2, "offset"), out = doubleView(info, 3, "out");
  const long n = dimArg(info, 4, "n"), d = dimArg(info, 5, "d"), N = dimArg(info, 6, "nFeatures");
  const double scale = doubleArg(info, 7, "scale");
  const long kind = intArg(info, 8, "kind");
  requireSize(env, x, n * d, "x");
  requireSize(env, w, d * N, "w");
  requireSize(env, offset, N, "offset");
  requireSize(env, out, n * N, "out");
  if (kind != 0 && kind != 1) throw Napi::RangeError::New(env, "paperlab native: 'kind' must be 0 (cos) or 1 (relu)");
  double* o = out.data;
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, N, d, 1.0, x.data, d, w.data, N, 0.0, o, N);
  const double* b = offset.data;
#pragma omp parallel for schedule(static) if (n * N >= kParallelMin)
  for (long i = 0; i < n; i++) {
    for (long j = 0; j < N; j++) {
      const double z = o[i * N + j] + b[j];
      o[i * N + j] = scale * (kind == 0 ? std::cos(z) : std::max(0.0, z));
    }
  }
  return env.Undefined();
}

void InitLinalg(Napi::Env env, Napi::Object exports) {
  exports.Set("lstsq", Napi::Function::New(env, Lstsq));
  exports.Set("ridge", Napi::Function::New(env, Ridge));
  exports.Set("kernelSolve", Napi::Function::New(env, KernelSolve));
  exports.Set("qr", Napi::Function::New(env, Qr));
  exports.Set("svd", Napi::Function::New(env, Svd));
  exports.Set("rbfKernel", Napi::Function::New(env, RbfKernel));
  exports.Set("matmulF64", Napi::Function::New(env, MatmulF64));
  exports.Set("featureMap", Napi::Function::New(env, FeatureMap));
}

}  // namespace paperlab
