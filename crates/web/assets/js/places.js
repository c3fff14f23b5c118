/*
 * Hamyar — place selects that ask for the province first.
 *
 * Loaded as an external file (<script src="/assets/js/places.js" defer>),
 * because the Content-Security-Policy forbids inline scripts.
 *
 *   <select name="county" data-narrow-label="استان" data-narrow-blank="انتخاب کنید">
 *     <option value="">انتخاب کنید</option>
 *     <optgroup label="قزوین"><option value="20">قزوین</option>…</optgroup>
 *     <optgroup label="تهران">…</optgroup>
 *   </select>
 *
 * A national user's county select holds Iran's 484 counties, grouped by
 * province. When such a select has more than one group, a province select
 * (labelled by data-narrow-label, not submitted) is put before its field,
 * and the county select then holds only the chosen province's counties,
 * plus the options outside any group (the blank choice, the whole country).
 * A form drawn again after a refusal opens on the province of the county
 * already chosen. Without JavaScript the grouped select works as it is.
 */
(function () {
  "use strict";

  function groupIndexOf(groups, option) {
    for (var i = 0; i < groups.length; i += 1) {
      if (option && option.parentNode === groups[i]) {
        return i;
      }
    }
    return -1;
  }

  function narrow(select) {
    var groups = Array.prototype.slice.call(select.getElementsByTagName("optgroup"));
    if (groups.length < 2 || select.getAttribute("data-narrowed") === "1") {
      return;
    }
    select.setAttribute("data-narrowed", "1");
    var field = select.closest(".form-field") || select.parentNode;

    var picker = document.createElement("select");
    picker.id = (select.id || select.name) + "-province";
    var blank = document.createElement("option");
    blank.value = "";
    blank.textContent = select.getAttribute("data-narrow-blank") || "";
    picker.appendChild(blank);
    groups.forEach(function (group, index) {
      var option = document.createElement("option");
      option.value = String(index);
      option.textContent = group.label;
      picker.appendChild(option);
    });

    var label = document.createElement("label");
    label.htmlFor = picker.id;
    label.textContent = select.getAttribute("data-narrow-label") || "";
    var wrapper = document.createElement("div");
    wrapper.className = "form-field";
    wrapper.appendChild(label);
    wrapper.appendChild(picker);
    field.parentNode.insertBefore(wrapper, field);

    function show(index) {
      var chosen = select.value;
      groups.forEach(function (group) {
        if (group.parentNode === select) {
          select.removeChild(group);
        }
      });
      if (index >= 0) {
        select.appendChild(groups[index]);
      }
      // Keep the choice if it is still offered; otherwise fall back to the blank one.
      select.value = chosen;
      if (select.value !== chosen) {
        select.value = "";
      }
      if (select.selectedIndex < 0 && select.options.length > 0) {
        select.selectedIndex = 0;
      }
    }

    var start = groupIndexOf(groups, select.options[select.selectedIndex]);
    picker.value = start >= 0 ? String(start) : "";
    show(start);
    picker.addEventListener("change", function () {
      show(picker.value === "" ? -1 : Number(picker.value));
    });
  }

  function wireAll() {
    var selects = document.querySelectorAll("select[data-narrow-label]");
    Array.prototype.forEach.call(selects, narrow);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wireAll);
  } else {
    wireAll();
  }
})();
