using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>The standard nodes the client names, from the generated id constants.</summary>
internal static class WellKnownNodes
{
    /// <summary>Objects folder, where browsing starts.</summary>
    public static readonly NodeId ObjectsFolder = new(ObjectIds.ObjectsFolder);

    /// <summary>The Server object (its diagnostics are not walked unless asked for).</summary>
    public static readonly NodeId Server = new(ObjectIds.Server);

    /// <summary>Server_NamespaceArray.</summary>
    public static readonly NodeId NamespaceArray = new(VariableIds.Server_NamespaceArray);

    /// <summary>Server_ServerStatus_State, read as keep-alive.</summary>
    public static readonly NodeId ServerState = new(VariableIds.Server_ServerStatus_State);

    /// <summary>HierarchicalReferences, the default reference type for tree walks.</summary>
    public static readonly NodeId HierarchicalReferences = new(ReferenceTypeIds.HierarchicalReferences);

    /// <summary>HasProperty.</summary>
    public static readonly NodeId HasProperty = new(ReferenceTypeIds.HasProperty);
}
