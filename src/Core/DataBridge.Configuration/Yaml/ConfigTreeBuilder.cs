using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DataBridge.Configuration.Yaml;

/// <summary>
/// Builds a <see cref="ConfigNode"/> tree from YamlDotNet parser events, iteratively (no recursion, so a hostile
/// nesting depth cannot overflow the stack), keeping every node's position, expanding <c>${...}</c> in values and
/// reporting syntax errors, duplicate keys and unknown aliases to <see cref="Diagnostics"/>. Values (never keys) pass
/// through an optional <see cref="ScalarExpander"/>: the bridge expands <c>${...}</c> there, the KPI model passes none.
/// </summary>
public static partial class ConfigTreeBuilder
{
    /// <summary>Far deeper than any sensible configuration (the schema needs 5 levels), far below stack trouble.</summary>
    public const int MaxDepth = 64;

    private static readonly ConfigScalar SkipKey = new(default, string.Empty, string.Empty, isNull: true);

    /// <summary>Returns the document's root node, or null when the text is empty or has a syntax error (reported).</summary>
    /// <param name="yaml">The whole file.</param>
    /// <param name="diagnostics">Receives every problem, positioned in <see cref="Diagnostics.File"/>.</param>
    /// <param name="expand">Rewrites each value scalar (e.g. environment substitution); null keeps values as written.</param>
    public static ConfigNode? Build(string yaml, Diagnostics diagnostics, ScalarExpander? expand = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var file = diagnostics.File;
        var stack = new Stack<Frame>();
        var anchors = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        ConfigNode? root = null;
        var documents = 0;
        var parser = new Parser(new StringReader(yaml));
        var last = new SourceLocation(file, 1, 1);
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                var at = new SourceLocation(file, (int)ev.Start.Line, (int)ev.Start.Column);
                last = new SourceLocation(file, (int)ev.End.Line, (int)ev.End.Column);
                switch (ev)
                {
                    case DocumentStart ds when !ds.IsImplicit || documents > 0:
                        documents++;
                        if (documents > 1)
                        {
                            diagnostics.Error(at, "a configuration file holds one YAML document; remove this '---' and what follows, or move it to its own file");
                            return root;
                        }

                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case Scalar scalar:
                        {
                            var isKey = stack.Count > 0 && stack.Peek().IsAwaitingKey;
                            var node = MakeScalar(scalar, at, isKey, diagnostics, expand);
                            Remember(anchors, scalar.Anchor, node);
                            if (!Attach(stack, node, ref root, diagnostics))
                            {
                                return null;
                            }

                            break;
                        }

                    case AnchorAlias alias:
                        {
                            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                            {
                                diagnostics.Error(at, $"alias '*{alias.Value.Value}' refers to no anchor defined above; define '&{alias.Value.Value}' before using it");
                                target = new ConfigScalar(at, string.Empty, string.Empty, isNull: true);
                            }

                            if (!Attach(stack, target, ref root, diagnostics))
                            {
                                return null;
                            }

                            break;
                        }

                    case MappingStart ms:
                        {
                            if (stack.Count >= MaxDepth)
                            {
                                diagnostics.Error(at, $"nesting deeper than {MaxDepth} levels; a DataBridge configuration needs at most a handful");
                                return null;
                            }

                            var node = new ConfigMapping(at);
                            Remember(anchors, ms.Anchor, node);
                            stack.Push(new Frame(node));
                            break;
                        }

                    case SequenceStart ss:
                        {
                            if (stack.Count >= MaxDepth)
                            {
                                diagnostics.Error(at, $"nesting deeper than {MaxDepth} levels; a DataBridge configuration needs at most a handful");
                                return null;
                            }

                            var node = new ConfigSequence(at);
                            Remember(anchors, ss.Anchor, node);
                            stack.Push(new Frame(node));
                            break;
                        }

                    case MappingEnd or SequenceEnd:
                        {
                            var done = stack.Pop();
                            if (!Attach(stack, done.Node, ref root, diagnostics))
                            {
                                return null;
                            }

                            break;
                        }
                }
            }
        }
        catch (YamlException ex)
        {
            var at = new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column);
            diagnostics.Error(at, $"YAML syntax error: {CleanMessage(ex)}; {SyntaxHint(yaml, (int)ex.Start.Line)}");
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these on some malformed input (found by ConfigurationFuzzTests); the position
            // is the end of the last event it did produce.
            diagnostics.Error(last, "YAML syntax error: the text after this point cannot be parsed; check for stray, unbalanced or control characters");
            return null;
        }

        return root;
    }

    private static ConfigScalar MakeScalar(Scalar scalar, SourceLocation at, bool isKey, Diagnostics diagnostics, ScalarExpander? expand)
    {
        var raw = scalar.Value;
        var isNull = scalar.Style == ScalarStyle.Plain && raw is "" or "~" or "null" or "Null" or "NULL";
        if (isKey || isNull || expand is null)
        {
            return new ConfigScalar(at, raw, raw, isNull);
        }

        var value = expand(raw, out var error);
        if (value is null)
        {
            diagnostics.Error(at, error!);
            return new ConfigScalar(at, string.Empty, raw, isNull: false, isInvalid: true);
        }

        return new ConfigScalar(at, value, raw, isNull: false);
    }

    private static void Remember(Dictionary<string, ConfigNode> anchors, AnchorName anchor, ConfigNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    /// <summary>Adds a finished node to its parent; false when parsing must stop.</summary>
    private static bool Attach(Stack<Frame> stack, ConfigNode node, ref ConfigNode? root, Diagnostics diagnostics)
    {
        if (stack.Count == 0)
        {
            root ??= node;
            return true;
        }

        var frame = stack.Peek();
        if (frame.Node is ConfigSequence seq)
        {
            seq.Items.Add(node);
            return true;
        }

        var map = (ConfigMapping)frame.Node;
        if (frame.PendingKey is null)
        {
            if (node is ConfigScalar key && !key.IsNull)
            {
                frame.PendingKey = key;
            }
            else
            {
                diagnostics.Error(node.Location, $"a key must be a plain name, not {node.Kind}; write 'name: value'");
                frame.PendingKey = SkipKey;
            }

            return true;
        }

        var pending = frame.PendingKey;
        frame.PendingKey = null;
        if (ReferenceEquals(pending, SkipKey))
        {
            return true;
        }

        foreach (var e in map.Entries)
        {
            if (e.Key.Value == pending.Value)
            {
                diagnostics.Error(pending.Location, $"duplicate key '{pending.Value}'; it is already set at line {e.Key.Location.Line} column {e.Key.Location.Column}; keep one of them");
                return true;
            }
        }

        map.Entries.Add(new KeyValuePair<ConfigScalar, ConfigNode>(pending, node));
        return true;
    }

    /// <summary>'{' starts a flow mapping in YAML, so an unquoted ${VAR} inside { } or [ ] breaks the line: say so.</summary>
    private static string SyntaxHint(string yaml, int line)
    {
        var text = LineText(yaml, line);
        var dollar = text.IndexOf("${", StringComparison.Ordinal);
        return dollar > 0 && text.AsSpan(0, dollar).IndexOfAny('{', '[') >= 0
            ? "inside { } or [ ], quote values that use ${...}, e.g. host: \"${HOST}\""
            : "check the indentation and quoting on this line and the one above";
    }

    private static string LineText(string yaml, int line)
    {
        var start = 0;
        for (var i = 1; i < line && start >= 0; i++)
        {
            start = yaml.IndexOf('\n', start);
            start = start < 0 ? -1 : start + 1;
        }

        if (start < 0 || start >= yaml.Length)
        {
            return string.Empty;
        }

        var end = yaml.IndexOf('\n', start);
        return end < 0 ? yaml[start..] : yaml[start..end];
    }

    private static string CleanMessage(YamlException ex)
    {
        var message = PositionPrefix().Replace(ex.Message, string.Empty).Trim();
        if (message.Length == 0 && ex.InnerException is not null)
        {
            message = ex.InnerException.Message;
        }

        return message.TrimEnd('.');
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();

    private sealed class Frame(ConfigNode node)
    {
        public ConfigNode Node { get; } = node;

        public ConfigScalar? PendingKey { get; set; }

        public bool IsAwaitingKey => Node is ConfigMapping && PendingKey is null;
    }
}
