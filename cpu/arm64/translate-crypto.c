/* SPDX-License-Identifier: MIT */
/*
 * Cryptographic extension (Arm ARM C4.1.69 "Cryptographic AES",
 * "Cryptographic three-register SHA", "Cryptographic two-register SHA"):
 * FEAT_AES, FEAT_SHA1, FEAT_SHA256, FEAT_SHA512 and FEAT_SHA3 ("Cryptographic
 * three/four-register", XAR), each one helper call.
 */
#include "translate-simd.h"
#include "decode-a64.h"

static bool do_crypto(DisasContext *s, ArmFeature f, const TCGHelperInfo *h,
                      int64_t rd, int64_t rn, int64_t rm)
{
    if (!simd_have(s, f)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop(h, simd_desc((int)rd, (int)rn, (int)rm, 0, 4, 2, 0));
    }
    return true;
}

#define TRANS_CRYPTO2(NAME, HELPER, FEAT)                                    \
    bool trans_##NAME(DisasContext *s, arg_##NAME *a)                        \
    {                                                                        \
        return do_crypto(s, ARM_FEAT_##FEAT, &helper_info_simd_##HELPER,     \
                         a->rd, a->rn, 0);                                   \
    }
#define TRANS_CRYPTO3(NAME, HELPER, FEAT)                                    \
    bool trans_##NAME(DisasContext *s, arg_##NAME *a)                        \
    {                                                                        \
        return do_crypto(s, ARM_FEAT_##FEAT, &helper_info_simd_##HELPER,     \
                         a->rd, a->rn, a->rm);                               \
    }

TRANS_CRYPTO2(AESE, aese, AES)
TRANS_CRYPTO2(AESD, aesd, AES)
TRANS_CRYPTO2(AESMC, aesmc, AES)
TRANS_CRYPTO2(AESIMC, aesimc, AES)
TRANS_CRYPTO3(SHA1C, sha1c, SHA1)
TRANS_CRYPTO3(SHA1P, sha1p, SHA1)
TRANS_CRYPTO3(SHA1M, sha1m, SHA1)
TRANS_CRYPTO3(SHA1SU0, sha1su0, SHA1)
TRANS_CRYPTO3(SHA256H, sha256h, SHA256)
TRANS_CRYPTO3(SHA256H2, sha256h2, SHA256)
TRANS_CRYPTO3(SHA256SU1, sha256su1, SHA256)
TRANS_CRYPTO2(SHA1H, sha1h, SHA1)
TRANS_CRYPTO2(SHA1SU1, sha1su1, SHA1)
TRANS_CRYPTO2(SHA256SU0, sha256su0, SHA256)
TRANS_CRYPTO3(SHA512H, sha512h, SHA512)
TRANS_CRYPTO3(SHA512H2, sha512h2, SHA512)
TRANS_CRYPTO3(SHA512SU1, sha512su1, SHA512)
TRANS_CRYPTO2(SHA512SU0, sha512su0, SHA512)
TRANS_CRYPTO3(RAX1, rax1, SHA3)

static bool do_crypto4(DisasContext *s, const TCGHelperInfo *h, int64_t rd,
                       int64_t rn, int64_t rm, int64_t ra, int data)
{
    if (!simd_have(s, ARM_FEAT_SHA3)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_vop(h, simd_desc((int)rd, (int)rn, (int)rm, (int)ra, 4, 3, data));
    }
    return true;
}

bool trans_EOR3(DisasContext *s, arg_EOR3 *a)
{
    return do_crypto4(s, &helper_info_simd_eor3, a->rd, a->rn, a->rm, a->ra, 0);
}

bool trans_BCAX(DisasContext *s, arg_BCAX *a)
{
    return do_crypto4(s, &helper_info_simd_bcax, a->rd, a->rn, a->rm, a->ra, 0);
}

bool trans_XAR(DisasContext *s, arg_XAR *a)
{
    return do_crypto4(s, &helper_info_simd_xar, a->rd, a->rn, a->rm, 0,
                      (int)a->imm6);
}
