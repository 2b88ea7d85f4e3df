package org.attestation.gateway.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.attestation.gateway.policy.PolicySyntax.Action;
import org.attestation.gateway.policy.PolicySyntax.ClaimAction;
import org.attestation.gateway.policy.PolicySyntax.ClaimReference;
import org.attestation.gateway.policy.PolicySyntax.ClaimSpec;
import org.attestation.gateway.policy.PolicySyntax.ClaimVerb;
import org.attestation.gateway.policy.PolicySyntax.Condition;
import org.attestation.gateway.policy.PolicySyntax.Deny;
import org.attestation.gateway.policy.PolicySyntax.Expression;
import org.attestation.gateway.policy.PolicySyntax.FunctionCall;
import org.attestation.gateway.policy.PolicySyntax.Literal;
import org.attestation.gateway.policy.PolicySyntax.NewClaim;
import org.attestation.gateway.policy.PolicySyntax.Operator;
import org.attestation.gateway.policy.PolicySyntax.Permit;
import org.attestation.gateway.policy.PolicySyntax.Policy;
import org.attestation.gateway.policy.PolicySyntax.Property;
import org.attestation.gateway.policy.PolicySyntax.PropertyCondition;
import org.attestation.gateway.policy.PolicySyntax.PropertyReference;
import org.attestation.gateway.policy.PolicySyntax.Rule;

/**
 * Parses MAA attestation policies, versions 1.0, 1.1 and 1.2 (maa-api.md §2.1–2.6, grammar §2.9), into an
 * immutable {@link Policy}. Lenient where published samples are ({@code Version}/{@code version =1.0}, a
 * single {@code =} in conditions, {@code //} comments); every other deviation is a
 * {@link PolicyParseException} with {@code line:column} and what was expected. Bounded: nesting of function
 * calls is limited, so no input makes the parser recurse without limit.
 */
public final class PolicyParser {

    static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2");
    static final Set<String> FUNCTIONS = Set.of("JmesPath", "JsonToClaimValue", "IsSubsetOf", "AppendString",
            "NegateBool", "ContainsOnlyValue");
    private static final int MAX_NESTING = 32;
    private static final Map<String, Property> PROPERTIES = Map.of("type", Property.TYPE, "value", Property.VALUE,
            "issuer", Property.ISSUER, "valueType", Property.VALUE_TYPE);

    private final String text;
    private final List<Token> tokens;
    private int position;
    private String version;

    private PolicyParser(String text) {
        this.text = text;
        this.tokens = new Lexer(text).tokens();
    }

    public static Policy parse(String text) {
        return new PolicyParser(text).policy();
    }

    private Policy policy() {
        // versionInfo: version = N.N ;
        Token keyword = next();
        if (keyword.kind != Kind.IDENT || !keyword.text.equalsIgnoreCase("version")) {
            throw error(keyword, "expected 'version' at the start of the policy");
        }
        expect(Kind.ASSIGN, "'=' after 'version'");
        Token number = next();
        if (number.kind != Kind.DECIMAL || !VERSIONS.contains(number.text)) {
            throw error(number, "expected a policy version (1.0, 1.1 or 1.2)");
        }
        version = number.text;
        expect(Kind.SEMICOLON, "';' after the version");
        List<Rule> configuration = List.of();
        List<Rule> authorization = List.of();
        List<Rule> issuance = List.of();
        if (peekIdent("configurationrules")) {
            Token section = peek();
            if (version.equals("1.0")) {
                throw error(section, "configurationrules need version 1.1 or later");
            }
            configuration = section("configurationrules", Set.of(ClaimVerb.ISSUE_PROPERTY), false);
        }
        if (peekIdent("authorizationrules")) {
            authorization = section("authorizationrules", Set.of(ClaimVerb.ADD), true);
        }
        if (peekIdent("issuancerules")) {
            issuance = section("issuancerules", Set.of(ClaimVerb.ADD, ClaimVerb.ISSUE, ClaimVerb.ISSUE_PROPERTY), false);
        }
        Token end = peek();
        if (end.kind != Kind.END) {
            throw error(end, "expected a section (configurationrules, authorizationrules, issuancerules) in that order, "
                    + "or the end of the policy");
        }
        return new Policy(version, configuration, authorization, issuance, text);
    }

    private List<Rule> section(String name, Set<ClaimVerb> allowed, boolean verdicts) {
        next();
        expect(Kind.LBRACE, "'{' after " + name);
        List<Rule> rules = new ArrayList<>();
        while (peek().kind != Kind.RBRACE) {
            if (peek().kind == Kind.END) {
                throw error(peek(), "expected '}' to close " + name);
            }
            rules.add(rule(name, allowed, verdicts));
        }
        next();
        expect(Kind.SEMICOLON, "';' after the closing '}' of " + name);
        return rules;
    }

    private Rule rule(String section, Set<ClaimVerb> allowed, boolean verdicts) {
        Token start = peek();
        List<Condition> conditions = new ArrayList<>();
        Set<String> bindings = new HashSet<>();
        if (start.kind != Kind.ARROW) {
            conditions.add(condition(bindings));
            while (peek().kind == Kind.AND) {
                next();
                conditions.add(condition(bindings));
            }
        }
        expect(Kind.ARROW, "'=>' between the conditions and the action");
        Action action = action(section, allowed, verdicts, bindings);
        expect(Kind.SEMICOLON, "';' after the action");
        return new Rule(conditions, action, start.line);
    }

    private Condition condition(Set<String> bindings) {
        boolean negated = false;
        if (peek().kind == Kind.NOT) {
            Token not = next();
            if (!version.equals("1.2")) {
                throw error(not, "the '!' (absence) condition needs version 1.2");
            }
            negated = true;
        }
        Optional<String> binding = Optional.empty();
        if (peek().kind == Kind.IDENT && peekAt(1).kind == Kind.COLON) {
            Token name = next();
            next();
            if (negated) {
                throw error(name, "an absence condition binds no claim");
            }
            binding = Optional.of(name.text);
            bindings.add(name.text);
        }
        expect(Kind.LBRACKET, "'[' to open a condition");
        List<PropertyCondition> properties = new ArrayList<>();
        if (peek().kind != Kind.RBRACKET) {
            properties.add(propertyCondition(bindings));
            while (peek().kind == Kind.COMMA) {
                next();
                properties.add(propertyCondition(bindings));
            }
        }
        expect(Kind.RBRACKET, "']' to close the condition (or ',' before another property)");
        return new Condition(negated, binding, properties);
    }

    private PropertyCondition propertyCondition(Set<String> bindings) {
        Token name = next();
        Property property = name.kind == Kind.IDENT ? PROPERTIES.get(name.text) : null;
        if (property == null) {
            throw error(name, "expected a claim property: type, value, issuer or valueType");
        }
        Token op = next();
        Operator operator = switch (op.kind) {
            case EQ, ASSIGN -> Operator.EQ;
            case NE -> Operator.NE;
            case LT -> Operator.LT;
            case LE -> Operator.LE;
            case GT -> Operator.GT;
            case GE -> Operator.GE;
            default -> throw error(op, "expected a comparison (==, !=, <, <=, >, >=)");
        };
        return new PropertyCondition(property, operator, expression(bindings, 0));
    }

    private Action action(String section, Set<ClaimVerb> allowed, boolean verdicts, Set<String> bindings) {
        Token name = next();
        String word = name.kind == Kind.IDENT ? name.text : "";
        if (word.equals("permit") || word.equals("deny")) {
            if (!verdicts) {
                throw error(name, word + "() is only allowed in authorizationrules");
            }
            expect(Kind.LPAREN, "'(' after " + word);
            expect(Kind.RPAREN, "')': " + word + "() takes no arguments");
            return word.equals("permit") ? new Permit() : new Deny();
        }
        ClaimVerb verb = switch (word) {
            case "add" -> ClaimVerb.ADD;
            case "issue" -> ClaimVerb.ISSUE;
            case "issueproperty" -> ClaimVerb.ISSUE_PROPERTY;
            default -> throw error(name, "expected an action: permit(), deny(), add(...), issue(...) or issueproperty(...)");
        };
        if (!allowed.contains(verb)) {
            throw error(name, word + "() is not allowed in " + section);
        }
        expect(Kind.LPAREN, "'(' after " + word);
        ClaimSpec claim = claimSpec(bindings);
        expect(Kind.RPAREN, "')' to close " + word + "(...)");
        return new ClaimAction(verb, claim);
    }

    private ClaimSpec claimSpec(Set<String> bindings) {
        Token first = next();
        if (first.kind == Kind.IDENT && first.text.equals("claim")) {
            expect(Kind.ASSIGN, "'=' after claim");
            Token binding = next();
            if (binding.kind != Kind.IDENT || !bindings.contains(binding.text)) {
                throw error(binding, "expected a claim bound in this rule's conditions");
            }
            return new ClaimReference(binding.text);
        }
        if (first.kind != Kind.IDENT || !first.text.equals("type")) {
            throw error(first, "expected claim=<binding> or type=..., value=...");
        }
        expect(Kind.ASSIGN, "'=' after type");
        Expression type = expression(bindings, 0);
        expect(Kind.COMMA, "',' before value=");
        Token value = next();
        if (value.kind != Kind.IDENT || !value.text.equals("value")) {
            throw error(value, "expected value=");
        }
        expect(Kind.ASSIGN, "'=' after value");
        Expression claimValue = expression(bindings, 0);
        Optional<Expression> valueType = Optional.empty();
        if (peek().kind == Kind.COMMA) {
            next();
            Token name = next();
            if (name.kind != Kind.IDENT || !name.text.equals("valueType")) {
                throw error(name, "expected valueType=");
            }
            expect(Kind.ASSIGN, "'=' after valueType");
            valueType = Optional.of(expression(bindings, 0));
        }
        return new NewClaim(type, claimValue, valueType);
    }

    private Expression expression(Set<String> bindings, int depth) {
        Token token = next();
        switch (token.kind) {
            case STRING:
                return new Literal(token.text);
            case INTEGER:
                return new Literal(token.number);
            case IDENT:
                if (token.text.equals("true") || token.text.equals("false")) {
                    return new Literal(Boolean.parseBoolean(token.text));
                }
                if (peek().kind == Kind.DOT) {
                    next();
                    if (!bindings.contains(token.text)) {
                        throw error(token, "'" + token.text + "' is not bound by a condition of this rule");
                    }
                    Token property = next();
                    Property referenced = property.kind == Kind.IDENT ? PROPERTIES.get(property.text) : null;
                    if (referenced == null) {
                        throw error(property, "expected a claim property after '.': type, value, issuer or valueType");
                    }
                    return new PropertyReference(token.text, referenced);
                }
                if (FUNCTIONS.contains(token.text) && peek().kind == Kind.LPAREN) {
                    if (!version.equals("1.2")) {
                        throw error(token, "functions need version 1.2");
                    }
                    if (depth >= MAX_NESTING) {
                        throw error(token, "function calls are nested too deeply");
                    }
                    next();
                    List<Expression> arguments = new ArrayList<>();
                    if (peek().kind != Kind.RPAREN) {
                        arguments.add(expression(bindings, depth + 1));
                        while (peek().kind == Kind.COMMA) {
                            next();
                            arguments.add(expression(bindings, depth + 1));
                        }
                    }
                    expect(Kind.RPAREN, "')' to close " + token.text + "(...)");
                    return new FunctionCall(token.text, arguments);
                }
                throw error(token, "expected a value: a string, a number, true, false, <binding>.<property> "
                        + "or a function call");
            default:
                throw error(token, "expected a value: a string, a number, true, false, <binding>.<property> "
                        + "or a function call");
        }
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind != Kind.END) {
            position++;
        }
        return token;
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private boolean peekIdent(String word) {
        return peek().kind == Kind.IDENT && peek().text.equals(word);
    }

    private void expect(Kind kind, String what) {
        Token token = next();
        if (token.kind != kind) {
            throw error(token, "expected " + what);
        }
    }

    private static PolicyParseException error(Token token, String expected) {
        return new PolicyParseException(token.line, token.column, expected + ", found " + token.describe());
    }

    // ---- lexer --------------------------------------------------------------------------------------

    enum Kind {
        IDENT, STRING, INTEGER, DECIMAL, SEMICOLON, LBRACE, RBRACE, LBRACKET, RBRACKET, LPAREN, RPAREN, COMMA, COLON,
        DOT, ASSIGN, EQ, NE, LT, LE, GT, GE, ARROW, AND, NOT, END
    }

    record Token(Kind kind, String text, long number, int line, int column) {

        String describe() {
            return switch (kind) {
                case END -> "the end of the policy";
                case STRING -> "\"" + shorten(text) + "\"";
                default -> "'" + shorten(text) + "'";
            };
        }

        private static String shorten(String value) {
            return value.length() <= 30 ? value : value.substring(0, 30) + "...";
        }
    }

    /** Splits the text into tokens, tracking line and column (1-based, of the token's first character). */
    private static final class Lexer {
        private final String text;
        private int index;
        private int line = 1;
        private int lineStart;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            while (true) {
                skipSpaceAndComments();
                int column = index - lineStart + 1;
                if (index >= text.length()) {
                    tokens.add(new Token(Kind.END, "", 0, line, column));
                    return tokens;
                }
                tokens.add(token(column));
            }
        }

        private void skipSpaceAndComments() {
            while (index < text.length()) {
                char c = text.charAt(index);
                if (c == '\n') {
                    index++;
                    line++;
                    lineStart = index;
                } else if (Character.isWhitespace(c) || c == '\uFEFF') {
                    index++;
                } else if (text.startsWith("//", index)) {
                    while (index < text.length() && text.charAt(index) != '\n') {
                        index++;
                    }
                } else {
                    return;
                }
            }
        }

        private Token token(int column) {
            char c = text.charAt(index);
            if (c == '"') {
                return string(column);
            }
            if (c == '\u201C' || c == '\u201D' || c == '\u2018' || c == '\u2019') {
                throw new PolicyParseException(line, column, "a typographic quote (U+"
                        + String.format("%04X", (int) c) + ") is not a string delimiter; use \" (U+0022)");
            }
            if (Character.isDigit(c) || c == '-' && index + 1 < text.length() && Character.isDigit(text.charAt(index + 1))) {
                return number(column);
            }
            if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = index;
                while (index < text.length() && (Character.isLetterOrDigit(text.charAt(index))
                        || text.charAt(index) == '_' || text.charAt(index) == '$' || text.charAt(index) == '-')) {
                    index++;
                }
                return new Token(Kind.IDENT, text.substring(start, index), 0, line, column);
            }
            for (String[] symbol : SYMBOLS) {
                if (text.startsWith(symbol[0], index)) {
                    index += symbol[0].length();
                    return new Token(Kind.valueOf(symbol[1]), symbol[0], 0, line, column);
                }
            }
            throw new PolicyParseException(line, column, "unexpected character '" + c + "'");
        }

        /** Longest first, so that '==' is not read as '=' '='. */
        private static final String[][] SYMBOLS = {
            {"=>", "ARROW"}, {"==", "EQ"}, {"!=", "NE"}, {"<=", "LE"}, {">=", "GE"}, {"&&", "AND"},
            {";", "SEMICOLON"}, {"{", "LBRACE"}, {"}", "RBRACE"}, {"[", "LBRACKET"}, {"]", "RBRACKET"},
            {"(", "LPAREN"}, {")", "RPAREN"}, {",", "COMMA"}, {":", "COLON"}, {".", "DOT"}, {"=", "ASSIGN"},
            {"<", "LT"}, {">", "GT"}, {"!", "NOT"}};

        private Token string(int column) {
            int startLine = line;
            StringBuilder value = new StringBuilder();
            index++;
            while (true) {
                if (index >= text.length()) {
                    throw new PolicyParseException(startLine, column, "the string that starts here is not closed");
                }
                char c = text.charAt(index++);
                if (c == '"') {
                    return new Token(Kind.STRING, value.toString(), 0, startLine, column);
                }
                if (c == '\n') {
                    line++;
                    lineStart = index;
                }
                if (c == '\\' && index < text.length()) {
                    char escaped = text.charAt(index++);
                    value.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> escaped;
                    });
                } else {
                    value.append(c);
                }
            }
        }

        private Token number(int column) {
            int start = index;
            if (text.charAt(index) == '-') {
                index++;
            }
            if (text.startsWith("0x", index) || text.startsWith("0X", index)) {
                index += 2;
                int digits = index;
                while (index < text.length() && Character.digit(text.charAt(index), 16) >= 0) {
                    index++;
                }
                return integer(text.substring(start, index), text.substring(digits, index), 16, start == digits - 3,
                        column);
            }
            while (index < text.length() && Character.isDigit(text.charAt(index))) {
                index++;
            }
            if (index + 1 < text.length() && text.charAt(index) == '.' && Character.isDigit(text.charAt(index + 1))) {
                index++;
                while (index < text.length() && Character.isDigit(text.charAt(index))) {
                    index++;
                }
                return new Token(Kind.DECIMAL, text.substring(start, index), 0, line, column);
            }
            String literal = text.substring(start, index);
            return integer(literal, literal.replace("-", ""), 10, literal.startsWith("-"), column);
        }

        private Token integer(String literal, String digits, int radix, boolean negative, int column) {
            try {
                long value = Long.parseLong(digits, radix);
                return new Token(Kind.INTEGER, literal, negative ? -value : value, line, column);
            } catch (NumberFormatException e) {
                throw new PolicyParseException(line, column, "'" + literal + "' is not a whole number that fits 64 bits");
            }
        }
    }

}
