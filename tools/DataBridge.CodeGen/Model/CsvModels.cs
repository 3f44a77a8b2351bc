namespace DataBridge.CodeGen.Model;

/// <summary>A row of StatusCode.csv.</summary>
internal sealed record StatusCodeEntry(string Name, uint Code, string Description);

/// <summary>A row of NodeIds.csv (namespace 0).</summary>
internal sealed record NodeIdEntry(string Name, uint Id, string NodeClass);

/// <summary>A row of AttributeIds.csv.</summary>
internal sealed record AttributeEntry(string Name, uint Id);

/// <summary>A row of UNECE_to_OPCUA.csv.</summary>
internal sealed record UnitEntry(string Code, int UnitId, string DisplayName, string Description);
