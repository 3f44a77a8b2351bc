namespace DataBridge.CodeGen.Model;

/// <summary>
/// Which types of Opc.Ua.Types.bsd the client uses, grouped into one generated file per service set (Part 4 §5),
/// and which it must never contain: the product is read-only, so write-type services are refused outright.
/// </summary>
internal static class ServiceSelection
{
    /// <summary>Output file (without extension) → the structures it starts from; dependencies join the first group that needs them.</summary>
    public static readonly (string Group, string[] Roots)[] Groups =
    [
        ("Common", ["RequestHeader", "ResponseHeader", "ServiceFault", "SignatureData", "SignedSoftwareCertificate"]),
        ("SecureChannel", ["ChannelSecurityToken", "OpenSecureChannelRequest", "OpenSecureChannelResponse", "CloseSecureChannelRequest", "CloseSecureChannelResponse"]),
        ("Discovery", ["GetEndpointsRequest", "GetEndpointsResponse", "FindServersRequest", "FindServersResponse", "EndpointDescription", "ApplicationDescription", "UserTokenPolicy"]),
        ("Session", ["CreateSessionRequest", "CreateSessionResponse", "ActivateSessionRequest", "ActivateSessionResponse", "CloseSessionRequest", "CloseSessionResponse",
            "AnonymousIdentityToken", "UserNameIdentityToken", "X509IdentityToken"]),
        ("View", ["BrowseRequest", "BrowseResponse", "BrowseNextRequest", "BrowseNextResponse", "BrowseDescription", "BrowseResult", "ReferenceDescription", "ViewDescription",
            "TranslateBrowsePathsToNodeIdsRequest", "TranslateBrowsePathsToNodeIdsResponse", "BrowsePath", "RelativePath", "RelativePathElement", "BrowsePathResult", "BrowsePathTarget"]),
        ("Attribute", ["ReadRequest", "ReadResponse", "ReadValueId"]),
        ("Information", ["EUInformation", "Range", "ServerStatusDataType", "BuildInfo"]),
        ("Subscription", ["CreateSubscriptionRequest", "CreateSubscriptionResponse", "ModifySubscriptionRequest", "ModifySubscriptionResponse",
            "DeleteSubscriptionsRequest", "DeleteSubscriptionsResponse", "SetPublishingModeRequest", "SetPublishingModeResponse",
            "TransferSubscriptionsRequest", "TransferSubscriptionsResponse", "TransferResult"]),
        ("Publish", ["PublishRequest", "PublishResponse", "RepublishRequest", "RepublishResponse", "SubscriptionAcknowledgement", "NotificationMessage",
            "DataChangeNotification", "MonitoredItemNotification", "StatusChangeNotification", "EventNotificationList"]),
        ("MonitoredItem", ["CreateMonitoredItemsRequest", "CreateMonitoredItemsResponse", "ModifyMonitoredItemsRequest", "ModifyMonitoredItemsResponse",
            "DeleteMonitoredItemsRequest", "DeleteMonitoredItemsResponse", "MonitoredItemCreateRequest", "MonitoredItemCreateResult",
            "SetMonitoringModeRequest", "SetMonitoringModeResponse", "MonitoringParameters", "DataChangeFilter"]),
    ];

    /// <summary>Enumerations generated even when no selected structure uses them as a field type.</summary>
    public static readonly string[] RootEnums =
    [
        "MessageSecurityMode", "SecurityTokenRequestType", "NodeClass", "BrowseDirection", "BrowseResultMask", "TimestampsToReturn",
        "MonitoringMode", "DataChangeTrigger", "DeadbandType", "ApplicationType", "UserTokenType", "ServerState",
    ];

    /// <summary>Service sets that change a server; a type whose name starts with one of these (as a word) is never generated.</summary>
    public static readonly string[] ForbiddenPrefixes = ["Write", "Call", "AddNodes", "DeleteNodes", "AddReferences", "DeleteReferences", "HistoryUpdate"];

    /// <summary>The HistoryUpdate service's item types, whose names do not carry the service's name.</summary>
    public static readonly string[] ForbiddenNames =
    [
        "UpdateDataDetails", "UpdateStructureDataDetails", "UpdateEventDetails", "DeleteRawModifiedDetails", "DeleteAtTimeDetails", "DeleteEventDetails", "PerformUpdateType",
    ];

    /// <summary>Whether an identifier names (or begins with the name of) a write-type service or one of its items.</summary>
    public static bool IsForbidden(string name)
    {
        if (ForbiddenNames.Contains(name, StringComparer.Ordinal))
        {
            return true;
        }

        foreach (var prefix in ForbiddenPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && (name.Length == prefix.Length || !char.IsLower(name[prefix.Length])))
            {
                return true;
            }
        }

        return false;
    }
}
