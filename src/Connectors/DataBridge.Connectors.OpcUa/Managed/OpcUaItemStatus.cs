using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>An item that is not monitored, by client handle, with the status its values carry meanwhile.</summary>
/// <param name="ClientHandle">The item's handle (its index).</param>
/// <param name="Status">BadNodeIdUnknown when the node was not found, else the server's refusal.</param>
/// <param name="Refused">True when the server refused the monitored item; false when the node was not resolved.</param>
public readonly record struct OpcUaItemStatus(uint ClientHandle, StatusCode Status, bool Refused);
