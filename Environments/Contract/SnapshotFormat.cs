using AgentRL.Runtime;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Environments;

/// <summary>
/// The frame every environment snapshot shares: a magic number, the environment's name and a format version, then the
/// environment's own fields. Restoring bytes written by another environment, another version or truncated bytes fails
/// with a <see cref="FormatException"/> that says which.
/// </summary>
public static class SnapshotFormat
{
    private const uint Magic = 0x534E5652; // "RVNS"

    public delegate void BodyWriter(WireWriter writer);

    public delegate void BodyReader(ref WireReader reader);

    public static byte[] Write(string environment, byte version, BodyWriter body)
    {
        using var writer = new WireWriter(512);
        writer.WriteUInt32LittleEndian(Magic);
        writer.WriteString(environment);
        writer.WriteByte(version);
        body(writer);
        return writer.ToArray();
    }

    public static void Read(ReadOnlySpan<byte> snapshot, string environment, byte version, BodyReader body)
    {
        try
        {
            var reader = new WireReader(snapshot);
            if (reader.ReadUInt32LittleEndian() != Magic)
            {
                throw new FormatException("These bytes are not an environment snapshot.");
            }

            var name = reader.ReadString();
            if (name != environment)
            {
                throw new FormatException($"This is a snapshot of '{name}', not of '{environment}'.");
            }

            var written = reader.ReadByte();
            if (written != version)
            {
                throw new FormatException($"This '{environment}' snapshot has format version {written}; this build reads version {version}.");
            }

            body(ref reader);
            reader.EnsureFullyRead();
        }
        catch (Exception e) when (e is WireFormatException or OverflowException or ArgumentException or IndexOutOfRangeException)
        {
            throw new FormatException($"The '{environment}' snapshot is corrupt: {e.Message}", e);
        }
    }
}
