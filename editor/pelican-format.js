/*
 * The post file format for the content editor (Decap CMS): Pelican Markdown.
 *
 *   Title: How to Wash Your Hands
 *   Date: 2026-06-03 09:00
 *   Type: howto
 *   Tags: handwashing, germs
 *   Exception: phone | (541) 555-0199 | Dr. Ana Patel, MD | partner's public line
 *   Exception: email | info@example.org | Dr. Ana Patel, MD | partner's public address
 *
 *   The text of the post, in Markdown.
 *
 * "Field: value" lines, one empty line, then the text (the body). Field names are
 * not case-sensitive for Pelican; here they are read in lower case (the names the
 * form uses) and written the way the README spells them (Recall_Product).
 * Comma-list fields are edited as lists and written "Name: a, b"; repeated fields
 * are written as one line per item. Both lists are checked against
 * healthnotes/content/editor.py by tests/test_editor_config.py.
 *
 * Loaded by editor/index.html before the CMS starts; also a CommonJS module, so
 * the tests can run it under node.
 */
(function (root) {
  'use strict';

  var COMMA_LIST_FIELDS = ['tags', 'supplies', 'recall_lots'];
  var REPEATED_FIELDS = ['exception', 'sources'];

  var KEY_LINE = /^([A-Za-z0-9][A-Za-z0-9_-]*):[ \t]*(.*)$/;
  var MORE_LINE = /^[ \t]{4,}(.*)$/;  // Python-Markdown's meta continuation line

  function displayName(name) {
    return name
      .split('_')
      .map(function (part) {
        return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
      })
      .join('_');
  }

  function collapse(text) {
    return String(text).replace(/\s+/g, ' ').trim();
  }

  function fromFile(text) {
    var lines = String(text).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
    var raw = {};  // name -> list of values, in the order the lines came
    var order = [];
    var last = null;
    var i = 0;
    for (; i < lines.length; i++) {
      var line = lines[i];
      if (line.trim() === '') {
        i++;  // the one empty line between the fields and the text
        break;
      }
      var key = KEY_LINE.exec(line);
      if (key) {
        last = key[1].toLowerCase();
        if (!raw[last]) {
          raw[last] = [];
          order.push(last);
        }
        raw[last].push(key[2].trim());
        continue;
      }
      var more = last && MORE_LINE.exec(line);
      if (more) {
        var values = raw[last];
        values[values.length - 1] = collapse(values[values.length - 1] + ' ' + more[1]);
        continue;
      }
      break;  // not a field line: the text starts here (as in Python-Markdown)
    }
    var data = {};
    order.forEach(function (name) {
      var values = raw[name];
      if (REPEATED_FIELDS.indexOf(name) >= 0) {
        data[name] = values.filter(function (v) { return v !== ''; });
      } else if (COMMA_LIST_FIELDS.indexOf(name) >= 0) {
        data[name] = values
          .join(',')
          .split(',')
          .map(collapse)
          .filter(function (v) { return v !== ''; });
      } else {
        data[name] = collapse(values.join(' '));
      }
    });
    if (typeof data.type === 'string') data.type = data.type.toLowerCase();
    data.body = lines.slice(i).join('\n');
    return data;
  }

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function plain(value) {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) {
      return value.getFullYear() + '-' + pad(value.getMonth() + 1) + '-' + pad(value.getDate()) +
        ' ' + pad(value.getHours()) + ':' + pad(value.getMinutes());
    }
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (typeof value === 'object') return collapse(JSON.stringify(value));
    return collapse(value);
  }

  function items(value) {
    var list = Array.isArray(value) ? value : String(value).split(',');
    return list.map(plain).filter(function (v) { return v !== ''; });
  }

  function toFile(data, fieldsOrder) {
    data = data || {};
    var names = [];
    (fieldsOrder || []).concat(Object.keys(data)).forEach(function (name) {
      if (name !== 'body' && names.indexOf(name) < 0 && name in data) names.push(name);
    });
    var header = [];
    names.forEach(function (name) {
      var value = data[name];
      var label = displayName(name);
      if (REPEATED_FIELDS.indexOf(name) >= 0) {
        items(Array.isArray(value) ? value : [value]).forEach(function (item) {
          header.push(label + ': ' + item);
        });
        return;
      }
      var text = Array.isArray(value) || COMMA_LIST_FIELDS.indexOf(name) >= 0
        ? items(value).join(', ')
        : plain(value);
      if (text !== '') header.push(label + ': ' + text);
    });
    var body = String(data.body === undefined || data.body === null ? '' : data.body)
      .replace(/\r\n?/g, '\n')
      .replace(/^\s*\n/, '')
      .replace(/\s+$/, '');
    return header.join('\n') + '\n\n' + (body ? body + '\n' : '');
  }

  var format = {
    fromFile: fromFile,
    toFile: toFile,
    COMMA_LIST_FIELDS: COMMA_LIST_FIELDS,
    REPEATED_FIELDS: REPEATED_FIELDS,
  };
  if (typeof module === 'object' && module.exports) module.exports = format;
  if (root && root.CMS) root.CMS.registerCustomFormat('pelican', 'md', format);
})(typeof window !== 'undefined' ? window : this);
