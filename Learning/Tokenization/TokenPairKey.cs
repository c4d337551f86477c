namespace AgentRL.Learning.Tokenization;

/// <summary>
/// Packs an adjacent pair of token ids into one 64-bit key: cheap to hash, and ordering keys orders pairs by
/// (left, right), which is the trainer's tie-break.
/// </summary>
internal static class TokenPairKey
{
    public static long Pack(int left, int right) => ((long)left << 32) | (uint)right;

    public static int Left(long key) => (int)(key >> 32);

    public static int Right(long key) => (int)(key & 0xFFFF_FFFF);
}
