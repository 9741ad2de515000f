/* SPDX-License-Identifier: MIT */
/*
 * Cryptographic extension (Arm ARM C4.1.69 "Cryptographic AES",
 * "Cryptographic three-register SHA", "Cryptographic two-register SHA"):
 * FEAT_AES, FEAT_SHA1, FEAT_SHA256, each one helper call.
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
