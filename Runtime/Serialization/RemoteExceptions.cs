using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace AgentRL.Runtime.Serialization;

/// <summary>
/// How exceptions cross the wire: as type name, message and stack trace. The receiver rebuilds the original type only
/// if it is on this allow-list (common BCL exceptions, the runtime's own, and any the application registers);
/// anything else arrives as <see cref="RemoteGrainException"/>. A type named on the wire is never instantiated by
/// reflection.
/// </summary>
public static class RemoteExceptions
{
    private static readonly ConcurrentDictionary<string, Func<string, Exception>> Factories = new(StringComparer.Ordinal);

    static RemoteExceptions()
    {
        Register(m => new ArgumentException(m));
        Register(m => new ArgumentNullException(null, m));
        Register(m => new ArgumentOutOfRangeException(null, m));
        Register(m => new InvalidOperationException(m));
        Register(m => new NotSupportedException(m));
        Register(m => new NotImplementedException(m));
        Register(m => new KeyNotFoundException(m));
        Register(m => new FormatException(m));
        Register(m => new TimeoutException(m));
        Register(m => new OperationCanceledException(m));
        Register(m => new TaskCanceledException(m));
        Register(m => new DivideByZeroException(m));
        Register(m => new OverflowException(m));
        Register(m => new IndexOutOfRangeException(m));
        Register(m => new NullReferenceException(m));
        Register(m => new UnauthorizedAccessException(m));
        Register(m => new IOException(m));
        Register(m => new GrainDeadlockException(m));
        Register(m => new InconsistentStateException(m, null, null));
        Register(m => new SiloUnavailableException(m));
        Register(m => new MessageTooLargeException(m));
        Register(m => new InvalidGrainRequestException(m));
        Register(m => new WireFormatException(m));
        Register(m => new NoSiloForRoleException(m));
    }

    /// <summary>Allows <typeparamref name="TException"/> to be rebuilt on the receiving side from its message.</summary>
    public static void Register<TException>(Func<string, TException> factory) where TException : Exception =>
        Factories[typeof(TException).FullName!] = factory;

    public static void Write(WireWriter writer, Exception exception)
    {
        var original = exception is RemoteGrainException remote ? remote.OriginalTypeName : exception.GetType().FullName!;
        writer.WriteString(original);
        writer.WriteString(exception is RemoteGrainException r ? r.OriginalMessage : exception.Message);
        writer.WriteString(exception.StackTrace);
    }

    public static Exception Read(ref WireReader reader)
    {
        var typeName = reader.ReadString() ?? "System.Exception";
        var message = reader.ReadString() ?? string.Empty;
        var stackTrace = reader.ReadString();
        var exception = Factories.TryGetValue(typeName, out var factory) ? factory(message) : new RemoteGrainException(typeName, message);
        return stackTrace is null ? exception : ExceptionDispatchInfo.SetRemoteStackTrace(exception, stackTrace);
    }
}
