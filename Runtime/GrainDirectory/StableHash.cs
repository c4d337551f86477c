using System.Text;

namespace AgentRL.Runtime.GrainDirectory;

/// <summary>
/// A 64-bit hash that every process computes alike (string.GetHashCode is randomised per process): FNV-1a over the UTF-8
/// bytes, then a SplitMix64 finaliser so that similar keys ("episode-1", "episode-2") spread over the whole ring.
/// </summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        const int StackLimit = 256;
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> buffer = length <= StackLimit ? stackalloc byte[StackLimit] : new byte[length];
        var bytes = buffer[..Encoding.UTF8.GetBytes(text, buffer)];
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }

    public static ulong Of(GrainId grainId) => Of(grainId.ToString());
}
