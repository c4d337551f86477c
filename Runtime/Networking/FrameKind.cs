namespace AgentRL.Runtime.Networking;

/// <summary>
/// The kinds of frames on a connection. A frame is: u32 little-endian length of what follows, the kind byte, an
/// i64 little-endian correlation id, then the body.
/// </summary>
internal enum FrameKind : byte
{
    /// <summary>Body: interface id, method id, key, timeout (ms), call chain, arguments.</summary>
    Request = 1,

    /// <summary>Body: a <see cref="ResponseStatus"/> byte, then the result or the exception.</summary>
    Response = 2,

    /// <summary>No body: the caller stopped waiting for the request with this correlation id.</summary>
    Cancel = 3,

    /// <summary>No body: a liveness probe from another silo's membership agent; answered with <see cref="Pong"/>.</summary>
    Ping = 4,

    /// <summary>No body: the answer to the <see cref="Ping"/> with this correlation id.</summary>
    Pong = 5,

    /// <summary>
    /// A request from another silo. Body: the generation of the silo incarnation it is meant for, the number of silos
    /// that forwarded it, then a <see cref="Request"/>'s body.
    /// </summary>
    SiloRequest = 6,

    /// <summary>
    /// No body: the silo is stopping gracefully. It still answers the requests it has taken; the caller sends no further
    /// requests on this connection and closes it once its calls are answered; a request that crossed this frame is
    /// answered <see cref="ResponseStatus.Rejected"/>, unrun.
    /// </summary>
    Leaving = 7,
}
