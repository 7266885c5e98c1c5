package org.gridlens.geodata.demo;

import java.util.List;

/**
 * Plausible local names for the synthetic district. The eight subdistricts carry Chengdong's real
 * subdistrict/town names; communities and roads are drawn from local-sounding names and do not claim
 * to match the real ones.
 */
final class PlaceNames {

    static final String DISTRICT = "城东区";
    static final String ADDRESS_PREFIX = "青海省西宁市城东区";

    static final List<String> SUBDISTRICTS = List.of("东关大街街道", "清真巷街道", "大众街街道", "周家泉街道",
            "火车站街道", "八一路街道", "林家崖街道", "韵家口镇");
    static final List<String> SUBDISTRICTS_EN = List.of("Dongguan Dajie Subdistrict", "Qingzhenxiang Subdistrict",
            "Dazhongjie Subdistrict", "Zhoujiaquan Subdistrict", "Huochezhan Subdistrict", "Bayilu Subdistrict",
            "Linjiaya Subdistrict", "Yunjiakou Town");

    static final List<String> COMMUNITY_STEMS = List.of("东关", "清真巷", "南小街", "豆家巷", "北小街", "共和路",
            "大众街", "凤凰山", "建国路", "南关街", "周家泉", "互助路", "花园台", "团结", "八一路", "康东", "东兴",
            "林家崖", "泮子山", "中庄", "付家寨", "韵家口", "朱家庄", "曹家寨", "沈家寨", "王家庄", "杨家湾",
            "树林巷", "德令哈路", "夏都", "康乐", "富强巷", "幸福巷", "和平路", "向阳", "民主街", "红星", "青年巷",
            "东台", "园林路", "景岳", "东川", "新安", "德宁", "湟水", "乐家湾", "金桥", "滨河", "晨光", "朝阳",
            "祁连路", "昆仑路", "五四", "育才", "文化街", "建设巷", "兴旺", "安宁", "永兴", "东盛", "宏觉寺",
            "馨苑", "小寨", "新村", "双桥", "柴达木路", "杨家寨", "瑞和");

    static final List<String> ROADS = List.of("东关大街", "大众街", "建国路", "八一路", "互助路", "周家泉路",
            "德令哈路", "南小街", "共和路", "东川路", "昆仑东路", "七一路", "湟光路", "花园南街", "富强巷",
            "团结桥路", "康东路", "中庄路", "韵家口路", "夏都大街", "祁连路", "柴达木路", "东逸路", "互助中路",
            "建国南路", "清真巷", "北小街", "南关街", "凤凰山路", "林家崖路", "杨家湾路", "小寨路", "泮子山路",
            "德令哈东路", "滨河路", "东山路", "树林巷", "青年巷", "民主街", "和平路");

    private PlaceNames() {
    }

    static String community(int index) {
        String stem = COMMUNITY_STEMS.get(index % COMMUNITY_STEMS.size());
        return (index >= COMMUNITY_STEMS.size() ? stem + "第" + (index / COMMUNITY_STEMS.size() + 1) : stem) + "社区";
    }

    static String road(int index) {
        return ROADS.get(Math.floorMod(index, ROADS.size()));
    }
}
