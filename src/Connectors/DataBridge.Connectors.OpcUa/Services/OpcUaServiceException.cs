using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Services;

/// <summary>
/// An OPC UA service call failed with a Bad status (a ServiceFault, a Bad ServiceResult, or a Bad result for the
/// one node asked for). <see cref="StatusCode"/> carries the code, <see cref="SymbolicName"/> its name
/// (e.g. <c>BadNodeIdUnknown</c>); the message says what to do next.
/// </summary>
public sealed class OpcUaServiceException : OpcUaException
{
    /// <summary>Creates the exception; the message is composed from the service, code and advice.</summary>
    public OpcUaServiceException(string service, StatusCode statusCode, string? detail = null, Exception? innerException = null)
        : base(Compose(service, statusCode, detail), innerException)
    {
        Service = service;
        StatusCode = statusCode;
    }

    /// <summary>Creates the exception (BadUnexpectedError).</summary>
    public OpcUaServiceException()
        : this("(unknown)", StatusCodes.BadUnexpectedError)
    {
    }

    /// <summary>Creates the exception (BadUnexpectedError).</summary>
    public OpcUaServiceException(string message)
        : this("(unknown)", StatusCodes.BadUnexpectedError, message)
    {
    }

    /// <summary>Creates the exception (BadUnexpectedError).</summary>
    public OpcUaServiceException(string message, Exception innerException)
        : this("(unknown)", StatusCodes.BadUnexpectedError, message, innerException)
    {
    }

    /// <summary>The service that failed, e.g. <c>Browse</c>.</summary>
    public string Service { get; }

    /// <summary>The status code the server returned.</summary>
    public override StatusCode StatusCode { get; }

    /// <summary>
    /// Always true: a Bad service result describes the server's state now, which a restart or an administrator can
    /// change (a session that expired, a server without room for another session, a node that is not loaded yet).
    /// </summary>
    public override bool IsTransient => true;

    /// <summary>The symbolic name of <see cref="StatusCode"/>, e.g. <c>BadSessionIdInvalid</c>.</summary>
    public string SymbolicName => StatusCode.Name;

    private static string Compose(string service, StatusCode code, string? detail)
    {
        var text = $"{service} failed with {code.Name} (0x{code.Code:X8})";
        if (!string.IsNullOrEmpty(detail))
        {
            text += $": {detail.TrimEnd('.', ' ')}";
        }

        return $"{text}. {(service == "ActivateSession" && code.SubCode == StatusCodes.BadUserAccessDenied ? "The server refuses this user: check the user name and the password (or the user certificate) configured for the source." : Advice(code))}";
    }

    /// <summary>What a user can do about the common codes (Part 4 §7.39 meanings).</summary>
    private static string Advice(StatusCode code) => code.SubCode switch
    {
        StatusCodes.BadNodeIdUnknown or StatusCodes.BadNodeIdInvalid => "Check the node id; list the server's nodes with 'databridge browse <endpoint>'.",
        StatusCodes.BadAttributeIdInvalid => "The node has no such attribute; variables have a Value, objects do not.",
        StatusCodes.BadSessionIdInvalid or StatusCodes.BadSessionClosed or StatusCodes.BadSessionNotActivated => "The session has expired or was closed by the server; reconnect.",
        StatusCodes.BadTooManyOperations => "Send fewer nodes per request (see the server's OperationLimits).",
        StatusCodes.BadTooManySessions => "The server has no room for another session; close idle clients or raise the server's session limit.",
        StatusCodes.BadUserAccessDenied or StatusCodes.BadNotReadable => "The user has no read access to this node; ask the server administrator for read rights.",
        StatusCodes.BadIdentityTokenInvalid or StatusCodes.BadIdentityTokenRejected => "The server refuses this user identity; check whether it allows anonymous access or configure a user.",
        StatusCodes.BadContinuationPointInvalid or StatusCodes.BadNoContinuationPoints => "Browse again from the start; the server forgot or ran out of continuation points.",
        StatusCodes.BadServiceUnsupported => "The server does not implement this service.",
        StatusCodes.BadTimeout or StatusCodes.BadRequestTimeout => "The server took too long; raise the request timeout or ask for less per request.",
        _ => "See the server's log for details.",
    };
}
