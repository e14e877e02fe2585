import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

/**
 * Every message the action can print to a person, found in its source: the first argument
 * of `new …Error(…)`, `new …Failure(…)`, `core.warning/notice/error/setFailed(…)`, and the
 * same calls through the action's log module (`log.warning/notice/error/fail(…)`).
 * Template placeholders become `…`; a call to a function of the source that returns a
 * message counts as that message. Messages with no literal text (only composed of others)
 * are left out: their parts are messages of their own.
 */

export interface MessageSite {
  file: string
  line: number
  /** The message's literal text, `…` where the source fills something in. */
  text: string
}

const PRINTING_CALLS = new Set(['warning', 'notice', 'error', 'setFailed', 'fail'])
const PRINTERS = new Set(['core', 'log'])
const PLACEHOLDER = '…'
const MAX_VARIANTS = 16

export function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...sourceFiles(path))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path)
  }
  return out.sort()
}

export function findMessages(files: string[], root: string): MessageSite[] {
  const sources = files.map((file) =>
    ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true)
  )
  // Functions that build messages, by name, across the source (names are unique here).
  const functions = new Map<string, ts.FunctionDeclaration>()
  for (const source of sources) {
    ts.forEachChild(source, (node) => {
      if (ts.isFunctionDeclaration(node) && node.name) functions.set(node.name.text, node)
    })
  }

  const texts = (node: ts.Expression, seen: Set<string>): string[] => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text]
    if (ts.isTemplateExpression(node)) {
      let variants = [node.head.text]
      for (const span of node.templateSpans) {
        const parts = texts(span.expression, seen)
        const fills = parts.length > 0 ? parts : [PLACEHOLDER]
        variants = variants
          .flatMap((v) => fills.map((fill) => v + fill + span.literal.text))
          .slice(0, MAX_VARIANTS)
      }
      return variants
    }
    if (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node)) {
      return texts(node.expression, seen)
    }
    if (ts.isConditionalExpression(node)) {
      return [...texts(node.whenTrue, seen), ...texts(node.whenFalse, seen)]
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = texts(node.left, seen)[0] ?? PLACEHOLDER
      const right = texts(node.right, seen)[0] ?? PLACEHOLDER
      return [left + right]
    }
    if (ts.isIdentifier(node)) {
      // A local constant holding (part of) a message, e.g. const hint = cond ? '…' : '…'.
      const initializer = localConstant(node)
      if (!initializer || seen.has(`const ${node.text}`)) return []
      return texts(initializer, new Set([...seen, `const ${node.text}`]))
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text
      const declaration = functions.get(name)
      if (!declaration?.body || seen.has(name)) return []
      const out: string[] = []
      const visit = (child: ts.Node): void => {
        if (ts.isReturnStatement(child) && child.expression) {
          out.push(...texts(child.expression, new Set([...seen, name])))
        } else if (!ts.isFunctionLike(child)) ts.forEachChild(child, visit)
      }
      ts.forEachChild(declaration.body, visit)
      return out
    }
    return []
  }

  const sites: MessageSite[] = []
  for (const source of sources) {
    const visit = (node: ts.Node): void => {
      let argument: ts.Expression | undefined
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        /(Error|Failure)$/.test(node.expression.text)
      ) {
        argument = node.arguments?.[0]
      } else if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ts.isIdentifier(node.expression.expression) &&
        PRINTERS.has(node.expression.expression.text) &&
        PRINTING_CALLS.has(node.expression.name.text)
      ) {
        argument = node.arguments[0]
      }
      if (argument) {
        const line = source.getLineAndCharacterOfPosition(argument.getStart()).line + 1
        const variants = new Set(
          texts(argument, new Set()).map((raw) => raw.replace(/…(\s*…)+/g, PLACEHOLDER).trim())
        )
        for (const text of variants) {
          if (/\p{L}{2}/u.test(text))
            sites.push({ file: relative(root, source.fileName), line, text })
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return sites
}

/**
 * The initializer of the `const` an identifier names, declared earlier in an enclosing
 * block of the same function (or at the top of the file).
 */
function localConstant(identifier: ts.Identifier): ts.Expression | undefined {
  for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue
    for (const statement of scope.statements) {
      if (statement.pos > identifier.pos) break
      if (!ts.isVariableStatement(statement)) continue
      if (!(statement.declarationList.flags & ts.NodeFlags.Const)) continue
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === identifier.text) {
          return declaration.initializer
        }
      }
    }
    if (ts.isFunctionLike(scope)) break
  }
  return undefined
}
