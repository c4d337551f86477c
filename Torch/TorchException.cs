namespace AgentRL.Torch;

/// <summary>libtorch refused an operation (a shape mismatch, a bad dtype, ...); the message is libtorch's own.</summary>
public sealed class TorchException(string message) : Exception(message);
