/*
 * The statement layer of Sluice SQL.
 *
 * This grammar recognises the statements a script is made of (DDL, INSERT, SET,
 * SHOW, ...) but never the SQL inside them: a query body, a computed-column
 * expression or a watermark expression is captured only as a range of tokens,
 * and its text is handed whole to Calcite's SQL parser. The lexer therefore
 * has to tokenize anything SQL may contain; tokens it has no rule for become
 * UNRECOGNIZED rather than lexer errors, so that bodies pass through intact.
 *
 * One statement is parsed at a time (rule singleStatement): the script is cut
 * at each ';' outside parentheses before parsing, so no rule here mentions the
 * separator at nesting depth 0.
 */
grammar SluiceStatement;

options { caseInsensitive = true; }

singleStatement
    : statement EOF
    ;

statement
    : createTable
    | createView
    | createFunction
    | dropObject
    | dropFunction
    | insertInto
    | query
    | setOption
    | resetOption
    | show
    | describe
    | explain
    | stopQuery
    ;

createTable
    : CREATE TEMPORARY? TABLE ifNotExists? qualifiedName
      LEFT_PAREN tableElement (COMMA tableElement)* RIGHT_PAREN
      (COMMENT comment=STRING)?
      (WITH tableOptions)?
    ;

tableElement
    : watermarkDefinition
    | primaryKey
    | columnDefinition
    ;

columnDefinition
    : identifier AS expression                                  # computedColumn
    | identifier dataType metadataClause? (COMMENT comment=STRING)? # typedColumn
    ;

metadataClause
    : METADATA (FROM key=STRING)? VIRTUAL?
    ;

watermarkDefinition
    : WATERMARK FOR identifier AS expression
    ;

primaryKey
    : PRIMARY KEY identifierList NOT ENFORCED
    ;

tableOptions
    : LEFT_PAREN (tableOption (COMMA tableOption)*)? RIGHT_PAREN
    ;

tableOption
    : key=STRING EQ value=STRING
    ;

dataType
    : ARRAY LT dataType GT nullability?                                             # arrayType
    | MAP LT dataType COMMA dataType GT nullability?                               # mapType
    | ROW (LT rowField (COMMA rowField)* GT | LEFT_PAREN rowField (COMMA rowField)* RIGHT_PAREN) nullability? # rowType
    | identifier PRECISION? typeParameters? timeZone? nullability?                 # namedType
    ;

rowField
    : identifier dataType
    ;

typeParameters
    : LEFT_PAREN INTEGER_VALUE (COMMA INTEGER_VALUE)* RIGHT_PAREN
    ;

timeZone
    : WITH LOCAL TIME ZONE      # withLocalTimeZone
    | WITHOUT TIME ZONE         # withoutTimeZone
    ;

nullability
    : NOT NULL                  # notNull
    | NULL                      # explicitlyNullable
    ;

createView
    : CREATE TEMPORARY? VIEW ifNotExists? qualifiedName identifierList? AS query
    ;

dropObject
    : DROP TEMPORARY? (TABLE | VIEW) ifExists? qualifiedName
    ;

// Flink's DDL for a user-defined function; the class name is a string, as Flink writes it.
createFunction
    : CREATE (TEMPORARY SYSTEM?)? FUNCTION ifNotExists? name=identifier AS className=STRING
      (LANGUAGE language=identifier)?
    ;

dropFunction
    : DROP (TEMPORARY SYSTEM?)? FUNCTION ifExists? identifier
    ;

insertInto
    : INSERT INTO qualifiedName identifierList? query
    ;

setOption
    : SET (key=STRING EQ value=STRING)?
    ;

resetOption
    : RESET key=STRING?
    ;

show
    : SHOW (TABLES | VIEWS | QUERIES | USER? FUNCTIONS)
    ;

describe
    : (DESCRIBE | DESC) qualifiedName
    ;

explain
    : EXPLAIN (PLAN FOR)? (query | insertInto)
    ;

stopQuery
    : STOP QUERY (identifier | INTEGER_VALUE | STRING)
    ;

ifNotExists
    : IF NOT EXISTS
    ;

ifExists
    : IF EXISTS
    ;

// A query runs to the end of the statement; Calcite parses its text.
query
    : queryStart (parenthesized | ~(LEFT_PAREN | RIGHT_PAREN | SEMICOLON))*
    ;

// Parenthesized queries open like queries, so that INSERT INTO t (a, b) ... is never a query.
queryStart
    : SELECT
    | WITH
    | VALUES
    | LEFT_PAREN queryStart (parenthesized | ~(LEFT_PAREN | RIGHT_PAREN))* RIGHT_PAREN
    ;

// An expression inside a column list runs to the next ',' or ')' outside parentheses.
expression
    : (parenthesized | ~(LEFT_PAREN | RIGHT_PAREN | COMMA | SEMICOLON))+
    ;

parenthesized
    : LEFT_PAREN (parenthesized | ~(LEFT_PAREN | RIGHT_PAREN))* RIGHT_PAREN
    ;

qualifiedName
    : identifier (DOT identifier)*
    ;

identifierList
    : LEFT_PAREN identifier (COMMA identifier)* RIGHT_PAREN
    ;

identifier
    : IDENTIFIER
    | BACKQUOTED_IDENTIFIER
    | DOUBLE_QUOTED_IDENTIFIER
    | nonReserved
    ;

// Keywords of this grammar that may still name a table, column, type or field.
nonReserved
    : COMMENT | DESC | DESCRIBE | ENFORCED | EXPLAIN | FUNCTION | FUNCTIONS | KEY | LANGUAGE
    | LOCAL | MAP | METADATA | PLAN | PRECISION | PRIMARY | QUERIES | QUERY | RESET | SHOW
    | STOP | SYSTEM | TABLES | TEMPORARY | TIME | USER | VIEW | VIEWS | VIRTUAL | WATERMARK
    | WITHOUT | ZONE
    ;

// Keywords, case-insensitive through the caseInsensitive option.
ARRAY: 'ARRAY';
AS: 'AS';
COMMENT: 'COMMENT';
CREATE: 'CREATE';
DESC: 'DESC';
DESCRIBE: 'DESCRIBE';
DROP: 'DROP';
ENFORCED: 'ENFORCED';
EXISTS: 'EXISTS';
EXPLAIN: 'EXPLAIN';
FOR: 'FOR';
FROM: 'FROM';
FUNCTION: 'FUNCTION';
FUNCTIONS: 'FUNCTIONS';
IF: 'IF';
INSERT: 'INSERT';
INTO: 'INTO';
KEY: 'KEY';
LANGUAGE: 'LANGUAGE';
LOCAL: 'LOCAL';
MAP: 'MAP';
METADATA: 'METADATA';
NOT: 'NOT';
NULL: 'NULL';
PLAN: 'PLAN';
PRECISION: 'PRECISION';
PRIMARY: 'PRIMARY';
QUERIES: 'QUERIES';
QUERY: 'QUERY';
RESET: 'RESET';
ROW: 'ROW';
SELECT: 'SELECT';
SET: 'SET';
SHOW: 'SHOW';
STOP: 'STOP';
SYSTEM: 'SYSTEM';
TABLE: 'TABLE';
TABLES: 'TABLES';
TEMPORARY: 'TEMPORARY';
TIME: 'TIME';
USER: 'USER';
VALUES: 'VALUES';
VIEW: 'VIEW';
VIEWS: 'VIEWS';
VIRTUAL: 'VIRTUAL';
WATERMARK: 'WATERMARK';
WITH: 'WITH';
WITHOUT: 'WITHOUT';
ZONE: 'ZONE';

// Punctuation and operators. '>>' is deliberately not a token, so that nested
// type arguments such as ARRAY<ARRAY<INT>> close one bracket at a time.
SEMICOLON: ';';
LEFT_PAREN: '(';
RIGHT_PAREN: ')';
COMMA: ',';
DOT: '.';
EQ: '=';
NOT_EQ: '<>' | '!=';
LTE: '<=';
GTE: '>=';
LT: '<';
GT: '>';
CONCAT: '||';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
PERCENT: '%';
LEFT_BRACKET: '[';
RIGHT_BRACKET: ']';
LEFT_BRACE: '{';
RIGHT_BRACE: '}';
QUESTION: '?';
COLON: ':';

STRING: '\'' (~'\'' | '\'\'')* '\'';
BACKQUOTED_IDENTIFIER: '`' (~'`' | '``')* '`';
DOUBLE_QUOTED_IDENTIFIER: '"' (~'"' | '""')* '"';

INTEGER_VALUE: DIGIT+;
DECIMAL_VALUE: DIGIT+ '.' DIGIT* EXPONENT? | '.' DIGIT+ EXPONENT? | DIGIT+ EXPONENT;

IDENTIFIER: (LETTER | '_') (LETTER | DIGIT | '_' | '$')*;

LINE_COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
WHITESPACE: [ \t\r\n\f]+ -> channel(HIDDEN);

// An opening quote or comment with no end. These match to the end of the input
// and lose to the terminated forms above whenever those match, being shorter;
// the statement splitter reports them with the position of the opening mark.
UNTERMINATED_STRING: '\'' (~'\'' | '\'\'')*;
UNTERMINATED_BACKQUOTED_IDENTIFIER: '`' (~'`' | '``')*;
UNTERMINATED_DOUBLE_QUOTED_IDENTIFIER: '"' (~'"' | '""')*;
UNTERMINATED_BLOCK_COMMENT: '/*' (~'*' | '*'+ ~[*/])* '*'*;

// Anything else SQL may contain ('#', '@', '&', '^', ...): valid inside a body if Calcite says so.
UNRECOGNIZED: .;

fragment DIGIT: [0-9];
fragment LETTER: [\p{L}];
fragment EXPONENT: 'E' [+-]? DIGIT+;
