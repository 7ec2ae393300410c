package org.broadsheet.article;

import org.commonmark.node.CustomNode;

/** A photo's credit or a quotation's attribution: the line the editor started with a dash. */
final class Credit extends CustomNode {

}
